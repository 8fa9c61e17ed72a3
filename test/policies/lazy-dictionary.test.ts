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

/**
 * In a fresh process: imports the core, creates a service with `auth0Policy(options)`, marks "CREATED", signs up
 * with the password "password" and marks "SIGNUP <first issue code, or ok>"; returns the marks and the loads.
 */
function signupTrace(options: string): string[] {
  return trace(`
    const { writeSync } = await import("node:fs");
    const mark = (m) => writeSync(2, m + "\\n");
    const { createSignupService, auth0Policy } = await import("signupkit");
    const { createMemoryStore, createInsecureTestHasher } = await import("signupkit/testing");
    const service = createSignupService({
      store: createMemoryStore(),
      hasher: createInsecureTestHasher(),
      tenants: { c1: { policy: auth0Policy(${options}) } },
    });
    mark("CREATED");
    const input = { email: "a@example.com", password: "password" };
    const answer = await service.signup(input, { tenant: "c1" }).then(() => "ok", (e) => e.issues?.[0]?.code);
    mark("SIGNUP " + answer);
  `);
}

describe("Auth0's password dictionary", () => {
  it("is not loaded by importing the core nor by creating an Auth0 policy and service, only by the first signup", () => {
    expect(signupTrace(`{ passwordStrength: "none" }`)).toEqual([
      "CREATED",
      "LOADED dictionary",
      "SIGNUP password_too_common",
    ]);
  });

  it("is not loaded by a service whose Auth0 policy turns the dictionary off", () => {
    expect(signupTrace(`{ passwordStrength: "none", passwordDictionary: false }`)).toEqual([
      "CREATED",
      "SIGNUP ok",
    ]);
  });

  it("is loaded by policy.load(), which answers undefined once it is", async () => {
    const policy = auth0Policy({ passwordStrength: "none" });
    await policy.load?.();
    expect(policy.load?.()).toBeUndefined();
    const result = policy.parse({ email: "a@example.com", password: "password" });
    expect(result.ok === false && result.issues.map((issue) => issue.code)).toEqual(["password_too_common"]);
  });
});
