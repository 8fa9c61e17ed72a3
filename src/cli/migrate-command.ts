import { isSignupError } from "../errors/signup-error.js";
import { openDatabase } from "./open-database.js";

/** Where the CLI writes: progress and SQL to `out`, failures to `err`. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = `Usage: signupkit migrate --url <database URL> [--dry-run] [--table-prefix <prefix>] [--schema <name>]

  --url            postgres://…, mysql://… or mariadb://…, sqlite:<file> or file:<file> (or DATABASE_URL)
  --dry-run        print the SQL of the missing versions instead of running it
  --table-prefix   prefix of the tables (default signupkit_; "" for installs made before the prefix)
  --schema         PostgreSQL schema or MySQL database of the tables`;

function parse(args: string[]): Map<string, string | true> {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith("--")) throw new Error(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    if (name === "dry-run" || name === "help") flags.set(name, true);
    else if (inline !== undefined) flags.set(name, inline);
    else if (i + 1 < args.length) flags.set(name, args[++i] as string);
    else throw new Error(`--${name} needs a value`);
  }
  return flags;
}

/**
 * `signupkit migrate`: brings a database's signupkit tables to the latest schema version, printing one line per
 * step; `--dry-run` prints the SQL instead. Returns the process exit code (0 done, 1 refused or failed, 2 usage).
 */
export async function migrateCommand(
  args: string[],
  io: CliOutput,
  env: Record<string, string | undefined> = {},
): Promise<number> {
  let flags: Map<string, string | true>;
  try {
    flags = parse(args);
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (flags.has("help")) {
    io.out(USAGE);
    return 0;
  }
  const url = flags.get("url") ?? env.DATABASE_URL;
  if (typeof url !== "string" || url === "") {
    io.err(`--url is required\n${USAGE}`);
    return 2;
  }
  const options: { tablePrefix?: string; schema?: string } = {};
  const prefix = flags.get("table-prefix");
  if (typeof prefix === "string") options.tablePrefix = prefix;
  const schema = flags.get("schema");
  if (typeof schema === "string") options.schema = schema;

  let db: Awaited<ReturnType<typeof openDatabase>> | undefined;
  try {
    db = await openDatabase(url, options);
    if (flags.get("dry-run") === true) {
      const pending = await db.store.pendingSql();
      io.out(
        pending.version === pending.latest ? `-- schema version ${pending.version}: up to date` : pending.sql,
      );
    } else {
      await db.store.migrate({ onProgress: (line) => io.out(line) });
    }
    return 0;
  } catch (error) {
    io.err(
      isSignupError(error)
        ? `refused: ${error.message}`
        : `failed: ${(error as Error).message ?? String(error)}`,
    );
    return 1;
  } finally {
    await db?.close().catch(() => undefined);
  }
}
