import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL("../../scripts/start-postgres.sh", import.meta.url));

/** A throwaway PostgreSQL cluster of one test file's own, which it may restart without disturbing other suites. */
export interface OwnCluster {
  url: string;
  /** `pg_ctl restart -m fast`: every connection is terminated, the server comes back on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a cluster with scripts/start-postgres.sh on a port of its own (it takes the next free one). */
export async function startOwnCluster(port = 55_400 + Math.floor(Math.random() * 500)): Promise<OwnCluster> {
  const { stdout } = await run("bash", [SCRIPT], { env: { ...process.env, PGTEST_PORT: String(port) } });
  const value = (name: string) => {
    const found = new RegExp(`export ${name}=(\\S+)`).exec(stdout)?.[1];
    if (found === undefined) throw new Error(`start-postgres.sh printed no ${name}: ${stdout}`);
    return found;
  };
  const url = value("DATABASE_URL");
  const dir = value("PGTEST_DIR");
  const bin = value("PGTEST_BIN");
  const asPostgres = (args: string[]) =>
    process.getuid?.() === 0
      ? run("runuser", ["-u", "postgres", "--", `${bin}/pg_ctl`, ...args])
      : run(`${bin}/pg_ctl`, args);
  return {
    url,
    async restart() {
      await asPostgres(["-D", `${dir}/data`, "-l", `${dir}/log`, "-m", "fast", "-w", "restart"]);
    },
    async stop() {
      await asPostgres(["-D", `${dir}/data`, "-m", "fast", "-w", "stop"]).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
