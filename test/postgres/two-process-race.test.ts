import { type ChildProcessByStdio, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createPostgresStore } from "signupkit/postgres";
import { afterAll, describe, expect, it } from "vitest";
import { databaseUrl, requireDatabaseOnCi, uniqueSchema } from "./database-url.js";

requireDatabaseOnCi("test/postgres/two-process-race.test.ts");

const COUNT = 1000;
const WORKER = fileURLToPath(new URL("./race-worker.ts", import.meta.url));

interface Summary {
  worker: number;
  created: string[];
  failures: Record<string, number>;
}

type Worker = ChildProcessByStdio<Writable, Readable, null>;

/** Resolves with every JSON line the worker prints, once it exits with status 0. */
function lines(child: Worker, onLine: (value: Record<string, unknown>) => void): Promise<void> {
  const reader = createInterface({ input: child.stdout });
  reader.on("line", (line) => onLine(JSON.parse(line) as Record<string, unknown>));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`race worker exited with ${code}`)),
    );
  });
}

describe.runIf(databaseUrl !== undefined)("two processes signing up the same 1,000 addresses", () => {
  const pool = new pg.Pool({ connectionString: databaseUrl });
  const schema = uniqueSchema("race");
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it("creates exactly one user per address; every loser gets 409 email_exists; nothing fails", async () => {
    const store = createPostgresStore(pool, { schema });
    await store.migrate();

    const summaries: Summary[] = [];
    let ready = 0;
    const workers = [0, 1].map((n) =>
      spawn(process.execPath, ["--import", "tsx", WORKER], {
        env: { ...process.env, RACE_SCHEMA: schema, RACE_WORKER: String(n), RACE_COUNT: String(COUNT) },
        stdio: ["pipe", "pipe", "inherit"],
      }),
    );
    const done = workers.map((child) =>
      lines(child, (message) => {
        if (message.ready === true && ++ready === workers.length) {
          for (const w of workers) w.stdin.write("go\n");
        } else if (message.ready !== true) summaries.push(message as unknown as Summary);
      }),
    );
    await Promise.all(done);

    expect(summaries).toHaveLength(2);
    for (const { created, failures } of summaries) {
      expect(Object.keys(failures).filter((k) => k !== "409 email_exists")).toEqual([]);
      expect(created.length + (failures["409 email_exists"] ?? 0)).toBe(COUNT);
      // Each racer takes the addresses in its own shuffled order: both must have won some, or nothing raced.
      expect(created.length).toBeGreaterThan(0);
    }
    const winners = summaries.flatMap((s) => s.created);
    expect(winners).toHaveLength(COUNT);
    expect(new Set(winners).size).toBe(COUNT);

    const { rows } = await pool.query<{ email_key: string; users: number }>(
      `SELECT email_key, count(*)::int AS users FROM ${store.tables.users} WHERE tenant = 'race' GROUP BY email_key`,
    );
    expect(rows).toHaveLength(COUNT);
    expect(rows.every((r) => r.users === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.email_key))).toEqual(new Set(winners));
  });
});
