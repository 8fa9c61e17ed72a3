import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import mysql from "mysql2/promise";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { databaseUrl, uniqueSchema } from "../postgres/database-url.js";
import { mysqlUrl } from "./mysql-url.js";

const CLI = fileURLToPath(new URL("../../src/cli/signupkit.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "signupkit-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `signupkit ...` as a user would (the bin's source, through tsx). */
function cli(...args: string[]) {
  const env = { ...process.env, DATABASE_URL: "" };
  const result = spawnSync(process.execPath, ["--import", "tsx", CLI, ...args], { encoding: "utf8", env });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe("npx signupkit migrate", () => {
  it("on SQLite: a progress line per step; again: up to date", () => {
    const file = join(dir, "app.db");
    const first = cli("migrate", "--url", `sqlite:${file}`);
    expect(first).toMatchObject({ code: 0, err: "" });
    expect(first.out.trim().split("\n")).toEqual([
      "schema version 0",
      "applying version 1: users, claims and tokens tables",
      "schema version 1",
    ]);
    expect(cli("migrate", "--url", `sqlite:${file}`).out.trim().split("\n")).toEqual([
      "schema version 1",
      "schema version 1 (up to date)",
    ]);
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT version FROM signupkit_schema_version").all()).toEqual([{ version: 1 }]);
    db.close();
  });

  it("--dry-run prints the SQL and creates nothing", () => {
    const file = join(dir, "dry.db");
    const dry = cli("migrate", "--url", `sqlite:${file}`, "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('CREATE TABLE IF NOT EXISTS "signupkit_users"');
    expect(dry.out).toContain("-- version 1: users, claims and tokens tables");
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT name FROM sqlite_master").all()).toEqual([]);
    db.close();
  });

  it("refuses clearly when another application's table is in the way", () => {
    const file = join(dir, "foreign.db");
    const db = new Database(file);
    db.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, login TEXT)");
    db.close();
    const refused = cli("migrate", "--url", `sqlite:${file}`, "--table-prefix", "");
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^refused: "users" already existed without signupkit's columns/);
  });

  it("explains its usage", () => {
    expect(cli("migrate").code).toBe(2);
    expect(cli("migrate").err).toMatch(/--url is required/);
    expect(cli("migrate", "--url", "oracle://x").err).toMatch(/unsupported URL scheme/);
  });

  it.runIf(databaseUrl !== undefined)("on PostgreSQL: two versions, with a schema", async () => {
    const schema = uniqueSchema("cli");
    const run = cli("migrate", "--url", databaseUrl as string, "--schema", schema);
    expect(run.code).toBe(0);
    expect(run.out).toContain("applying version 2: tokens.failed_attempts");
    const pool = new pg.Pool({ connectionString: databaseUrl });
    const { rows } = await pool.query(
      `SELECT version FROM "${schema}".signupkit_schema_version ORDER BY version`,
    );
    await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
    await pool.end();
    expect(rows).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it.runIf(mysqlUrl !== undefined)("on MariaDB", async () => {
    const prefix = `cli${Date.now().toString(36)}_`;
    const run = cli("migrate", "--url", mysqlUrl as string, "--table-prefix", prefix);
    expect(run.code).toBe(0);
    expect(run.out).toContain("applying version 1");
    const pool = mysql.createPool({ uri: mysqlUrl as string });
    for (const table of ["users", "claims", "tokens", "schema_version"]) {
      await pool.query(`DROP TABLE \`${prefix}${table}\``);
    }
    await pool.end();
  });
});
