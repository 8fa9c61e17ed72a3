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

/** A CommonJS preload that makes @node-rs/bcrypt's platform binding unresolvable, as after `--omit=optional`. */
const NO_BINDING = `data:text/javascript,${encodeURIComponent(`
  import Module from "node:module";
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    if (/^@node-rs\\/bcrypt-/.test(request) || request.endsWith(".node")) {
      throw Object.assign(new Error("Cannot find module '" + request + "'"), { code: "MODULE_NOT_FOUND" });
    }
    return resolve.call(this, request, ...rest);
  };
`)}`;

describe("the default hasher without @node-rs/bcrypt's native binary", () => {
  it("answers 503 unavailable naming the fix, twice, and the process lives on", () => {
    const out = execFileSync(
      process.execPath,
      [
        "--import",
        NO_BINDING,
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `
        const { createSignupService, baasPolicy } = await import("signupkit");
        const { createMemoryStore } = await import("signupkit/testing");
        const service = createSignupService({
          store: createMemoryStore(),
          onError: () => undefined,
          tenants: { t1: { policy: baasPolicy() } },
        });
        const answers = [];
        for (const email of ["a@example.com", "b@example.com"]) {
          const error = await service.signup({ email, password: "Passw0rd" }, { tenant: "t1" }).catch((e) => e);
          answers.push([error.status, error.code, error.message.includes('createPbkdf2Hasher()') && error.message.includes("signupkit/pbkdf2")]);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
        console.log(JSON.stringify(answers));
      `,
      ],
      { encoding: "utf8", cwd: new URL("../..", import.meta.url).pathname },
    );
    expect(JSON.parse(out.trim().split("\n").pop() as string)).toEqual([
      [503, "unavailable", true],
      [503, "unavailable", true],
    ]);
  });
});
