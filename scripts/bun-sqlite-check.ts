/**
 * The SQLite store on `bun:sqlite`, proven under Bun: `bun scripts/bun-sqlite-check.ts`. Migrates, checks that the
 * store answers synchronously, runs a signup and the same address in another case (409), and reads the user back.
 * Exits 1 with the reason when anything differs.
 */
// @ts-expect-error bun:sqlite exists only under Bun.
import { Database } from "bun:sqlite";
import { createSqliteStore } from "../src/entries/sqlite.js";
import { createInsecureTestHasher, createMemoryMailer } from "../src/entries/testing.js";
import { createSignupService, isSignupError } from "../src/index.js";
import { baasPolicy } from "../src/policies/baas-policy.js";

function check(condition: unknown, message: string): void {
  if (!condition) {
    console.error(`bun:sqlite check failed: ${message}`);
    process.exit(1);
  }
}

const store = createSqliteStore(new Database(":memory:"));
await store.migrate();
check(!(store.getUser("nobody") instanceof Promise), "a synchronous driver must answer without a promise");

const service = createSignupService({
  store,
  hasher: createInsecureTestHasher(),
  mailer: createMemoryMailer(),
  tenants: { app: { policy: baasPolicy() } },
});
const created = await service.signup(
  { email: "bun@example.com", password: "Correct-Horse-9" },
  { tenant: "app" },
);
check(created.status === "created", `signup: ${JSON.stringify(created.status)}`);
try {
  await service.signup({ email: "BUN@Example.com", password: "Correct-Horse-9" }, { tenant: "app" });
  check(false, "the same address in another case must be refused");
} catch (error) {
  check(isSignupError(error) && error.status === 409, `duplicate: ${String(error)}`);
}
const row = store.findUserByEmail("app", "bun@example.com");
check(row !== null && !(row instanceof Promise), "the user is stored");
console.log(`bun:sqlite: ok (Bun ${process.versions.bun ?? "?"})`);
