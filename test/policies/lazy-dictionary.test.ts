import { spawnSync } from "node:child_process";
import { auth0Policy } from "signupkit";
import { describe, expect, it } from "vitest";

/** Registers a module hook (on its own thread) that writes every module URL it loads to stderr. */
const TRACE_HOOK = `data:text/javascript,${encodeURIComponent(`
  import { register } from "node:module";
  register("data:text/javascript,${encodeURIComponent(`
    import { writeSync } from "node:fs";
    export async function load(url, context, next) {
      if (url.includes("common-passwords")) writeSync(2, "LOADED dictionary\\n");
      return next(url, context);
    }
  `)}");
`)}`;

/** Runs a module in a fresh Node process (through tsx, as a user's TypeScript would); returns what it wrote to stderr. */
function trace(code: string): string[] {
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "--import", TRACE_HOOK, "--input-type=module", "-e", code],
    { encoding: "utf8", cwd: new URL("../..", import.meta.url).pathname },
  );
  expect(result.status, result.stderr).toBe(0);
  return result.stderr.split("\n").filter((line) => line.length > 0);
}

const MARK = `const { writeSync } = await import("node:fs"); const mark = (m) => writeSync(2, m + "\\n");`;

describe("Auth0's password dictionary", () => {
  it("is not loaded by importing the core nor by creating an Auth0 policy and service, only by the first signup", () => {
    const lines = trace(`
      ${MARK}
      const { createSignupService, auth0Policy } = await import("signupkit");
      const { createMemoryStore, createInsecureTestHasher } = await import("signupkit/testing");
      const service = createSignupService({
        store: createMemoryStore(),
        hasher: createInsecureTestHasher(),
        tenants: { c1: { policy: auth0Policy({ passwordStrength: "none" }) } },
      });
      mark("CREATED");
      const refused = await service.signup({ email: "a@example.com", password: "password" }, { tenant: "c1" }).catch((e) => e.issues?.[0]?.code);
      mark("SIGNUP " + refused);
    `);
    expect(lines).toEqual(["CREATED", "LOADED dictionary", "SIGNUP password_too_common"]);
  });

  it("is not loaded by a service whose Auth0 policy turns the dictionary off", () => {
    const lines = trace(`
      ${MARK}
      const { createSignupService, auth0Policy } = await import("signupkit");
      const { createMemoryStore, createInsecureTestHasher } = await import("signupkit/testing");
      const service = createSignupService({
        store: createMemoryStore(),
        hasher: createInsecureTestHasher(),
        tenants: { c1: { policy: auth0Policy({ passwordStrength: "none", passwordDictionary: false }) } },
      });
      await service.signup({ email: "a@example.com", password: "password" }, { tenant: "c1" });
      mark("SIGNED UP");
    `);
    expect(lines).toEqual(["SIGNED UP"]);
  });

  it("is loaded by policy.load(), which answers undefined once it is", async () => {
    const policy = auth0Policy({ passwordStrength: "none" });
    await policy.load?.();
    expect(policy.load?.()).toBeUndefined();
    const result = policy.parse({ email: "a@example.com", password: "password" });
    expect(result.ok === false && result.issues.map((issue) => issue.code)).toEqual(["password_too_common"]);
  });
});
