import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** Runs a module in a fresh Node process (through tsx, as a user's TypeScript would) and returns its stdout. */
function runModule(code: string): string {
  return execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
    encoding: "utf8",
    cwd: new URL("../..", import.meta.url).pathname,
  });
}

const LOADED_NATIVE = `const native = () => process.report.getReport().sharedObjects.some((s) => /bcrypt/i.test(s));`;

describe("the default hasher", () => {
  it("is not loaded by importing signupkit, and is bcrypt cost 10 once a signup needs it", () => {
    const out = runModule(`
      ${LOADED_NATIVE}
      const { createSignupService, baasPolicy } = await import("signupkit");
      const { createMemoryStore } = await import("signupkit/testing");
      const before = native();
      const store = createMemoryStore();
      const service = createSignupService({ store, tenants: { t1: { policy: baasPolicy() } } });
      const { user } = await service.signup({ email: "a@example.com", password: "Passw0rd" }, { tenant: "t1" });
      const stored = await store.getUser(user.id);
      console.log(JSON.stringify({ before, after: native(), hash: stored.passwordHash.slice(0, 7) }));
    `);
    expect(JSON.parse(out.trim().split("\n").pop() as string)).toEqual({
      before: false,
      after: true,
      hash: "$2b$10$",
    });
  });
});
