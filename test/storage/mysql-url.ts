import { expect, it } from "vitest";

/** The MariaDB/MySQL server the mysql suites run against; start one with `eval "$(bash scripts/start-mariadb.sh)"`. */
export const mysqlUrl = process.env.MYSQL_URL || undefined;

/** On CI (`CI=true`) a missing MYSQL_URL fails the file; elsewhere the suite is skipped and the reason printed. */
export function requireMysqlOnCi(file: string): void {
  if (mysqlUrl !== undefined) return;
  if (process.env.CI === "true") {
    it("has a MYSQL_URL (required on CI)", () => {
      expect(
        mysqlUrl,
        `${file} needs a MariaDB server on CI: scripts/start-mariadb.sh starts one.`,
      ).toBeDefined();
    });
  } else {
    console.info(
      `[signupkit] ${file}: skipped, MYSQL_URL is not set. Run eval "$(bash scripts/start-mariadb.sh)".`,
    );
  }
}
