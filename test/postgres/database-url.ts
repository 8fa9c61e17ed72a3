import { expect, it } from "vitest";

/** The server the server-backed suites run against; start one with `eval "$(bash scripts/start-postgres.sh)"`. */
export const databaseUrl = process.env.DATABASE_URL || undefined;

/**
 * Call at the top of a server-backed test file. On CI (`CI=true`) a missing DATABASE_URL fails the file; elsewhere
 * the suite is skipped and the reason printed.
 */
export function requireDatabaseOnCi(file: string): void {
  if (databaseUrl !== undefined) return;
  if (process.env.CI === "true") {
    it("has a DATABASE_URL (required on CI)", () => {
      expect(
        databaseUrl,
        `${file} needs a PostgreSQL server on CI: set DATABASE_URL (scripts/start-postgres.sh starts one).`,
      ).toBeDefined();
    });
  } else {
    console.info(
      `[signupkit] ${file}: skipped, DATABASE_URL is not set. ` +
        `Run eval "$(bash scripts/start-postgres.sh)" to start a throwaway server.`,
    );
  }
}

/** A schema name no other run uses. */
export function uniqueSchema(tag: string): string {
  return `sk_${tag}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}
