import { isSignupError } from "signupkit";
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { auth0Tenant, CONFIRM, makeWorld, necTenant, PASSWORD, VERIFY, type World } from "./world.js";

/**
 * Hostile sizes: 50,000-character values in every field are refused with 400 by a length check, before any
 * regular expression sees them, and quickly (a generous 50 ms bound per call; the real cost is microseconds).
 */

const HUGE = 50_000;
const BOUND_MS = 50;
const huge = (unit: string) => unit.repeat(Math.ceil(HUGE / unit.length)).slice(0, HUGE);

let exec: MockInstance<RegExp["exec"]>;
beforeEach(() => {
  exec = vi.spyOn(RegExp.prototype, "exec");
});
afterEach(() => {
  exec.mockRestore();
});

/** The longest string any regular expression was run over since the test started. */
function longestRegexInput(): number {
  let longest = 0;
  for (const [input] of exec.mock.calls) longest = Math.max(longest, String(input).length);
  return longest;
}

async function refusedQuickly(
  run: () => Promise<unknown>,
): Promise<{ code: string; fields: string[]; ms: number }> {
  const started = performance.now();
  let error: unknown;
  try {
    await run();
  } catch (caught) {
    error = caught;
  }
  const ms = performance.now() - started;
  expect(isSignupError(error), String(error)).toBe(true);
  const { code, status, issues } = error as { code: string; status: number; issues: { field: string }[] };
  expect(status).toBe(400);
  expect(ms).toBeLessThan(BOUND_MS);
  expect(longestRegexInput()).toBeLessThan(1000);
  expect(JSON.stringify(error).length).toBeLessThan(10_000);
  return { code, fields: issues.map((issue) => issue.field), ms };
}

function world(): World {
  const w = makeWorld({
    nec: necTenant(CONFIRM),
    auth0: auth0Tenant(VERIFY, { requireUsername: true, usernameMaxLength: 128 }),
  });
  return w;
}

/** Runs every policy path once with ordinary input, so that lazy set-up (the dictionary) is not measured. */
async function warm(w: World): Promise<void> {
  await w.service.signup({ email: "warm@example.com", password: PASSWORD }, { tenant: "nec" });
  await w.service.signup(
    { email: "warm@example.com", username: "warm", password: PASSWORD },
    { tenant: "auth0" },
  );
  exec.mockClear();
}

const NEC_BASE = { email: "taro@example.com", password: PASSWORD };
const AUTH0_BASE = { email: "taro@example.com", username: "taro", password: PASSWORD };

const CASES: [string, "nec" | "auth0", Record<string, unknown>, string][] = [
  ["email", "nec", { ...NEC_BASE, email: `${huge("a")}@example.com` }, "email"],
  ["email of dots and at signs", "nec", { ...NEC_BASE, email: huge("a.@") }, "email"],
  ["username", "nec", { ...NEC_BASE, username: huge("a") }, "username"],
  ["password", "nec", { ...NEC_BASE, password: huge("Aa1!") }, "password"],
  ["id (master key)", "nec", { ...NEC_BASE, id: huge("x") }, "id"],
  ["metadata key", "nec", { ...NEC_BASE, metadata: { [huge("k")]: "v" } }, "metadata"],
  ["metadata value", "nec", { ...NEC_BASE, metadata: { k: huge("v") } }, "metadata"],
  ["email", "auth0", { ...AUTH0_BASE, email: `${huge("\u3042")}@example.com` }, "email"],
  ["username", "auth0", { ...AUTH0_BASE, username: huge("a") }, "username"],
  ["password (astral characters)", "auth0", { ...AUTH0_BASE, password: huge("\u{1F600}") }, "password"],
  ["password", "auth0", { ...AUTH0_BASE, password: huge("Aa1!") }, "password"],
  ["name", "auth0", { ...AUTH0_BASE, name: huge("\u3042") }, "name"],
  ["nickname", "auth0", { ...AUTH0_BASE, nickname: huge("n") }, "nickname"],
  ["givenName", "auth0", { ...AUTH0_BASE, givenName: huge("g") }, "givenName"],
  ["familyName", "auth0", { ...AUTH0_BASE, familyName: huge("f") }, "familyName"],
  ["picture", "auth0", { ...AUTH0_BASE, picture: `https://example.com/${huge("p")}` }, "picture"],
  ["phoneNumber", "auth0", { ...AUTH0_BASE, phoneNumber: `+${huge("1")}` }, "phoneNumber"],
  ["metadata value", "auth0", { ...AUTH0_BASE, metadata: { k: huge("v") } }, "metadata.k"],
];

describe("50,000-character values", () => {
  it.each(CASES)(
    "refuses a huge %s (%s) with 400 before any pattern runs",
    async (_name, tenant, input, field) => {
      const w = world();
      await warm(w);
      const sizes = w.store.size;
      const { code, fields } = await refusedQuickly(() => w.service.signup(input, { tenant, master: true }));
      expect(code).toBe("invalid_input");
      expect(fields).toContain(field);
      expect(w.store.size).toEqual(sizes);
    },
  );

  it("refuses a huge Auth0 metadata key and echoes at most 100 characters of it", async () => {
    const w = world();
    await warm(w);
    const input = { ...AUTH0_BASE, metadata: { [huge("k")]: "v" } };
    const { fields } = await refusedQuickly(() => w.service.signup(input, { tenant: "auth0" }));
    expect(fields).toHaveLength(1);
    expect((fields[0] as string).length).toBeLessThanOrEqual("metadata.".length + 101);
  });

  it.each([
    [
      "resendConfirmation",
      (w: World) => w.service.resendConfirmation({ tenant: "nec" }, `${huge("a")}@example.com`),
    ],
    [
      "resendVerification",
      (w: World) => w.service.resendVerification({ tenant: "auth0" }, `${huge("a")}@example.com`),
    ],
    ["confirm", (w: World) => w.service.confirm(huge("A"), { tenant: "nec" })],
    ["verifyEmail", (w: World) => w.service.verifyEmail(huge("A"), { tenant: "auth0" })],
  ])("refuses a huge argument to %s with 400", async (_name, call) => {
    const w = world();
    await warm(w);
    const before = w.mailer.messages.length;
    await refusedQuickly(() => call(w));
    expect(w.mailer.messages).toHaveLength(before);
  });
});

describe("huge structures", () => {
  const manyKeys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));
  const deep = (levels: number) => {
    let value: unknown = "leaf";
    for (let i = 0; i < levels; i++) value = { d: value };
    return value;
  };

  // Listing an object's keys is linear in JavaScript (for-in and Object.keys alike), so the key counts stay at what
  // a 64 KiB HTTP body can carry (about 8,000 `"kN":0` pairs); depth and array length are cut early at any size.
  const KEYS = 10_000;

  it.each([
    ["10,000 unknown properties", "nec", { ...NEC_BASE, ...manyKeys(KEYS) }],
    ["10,000 unknown properties", "auth0", { ...AUTH0_BASE, ...manyKeys(KEYS) }],
    ["metadata with 10,000 properties", "nec", { ...NEC_BASE, metadata: manyKeys(KEYS) }],
    ["metadata with 10,000 properties", "auth0", { ...AUTH0_BASE, metadata: manyKeys(KEYS) }],
    ["metadata nested 50,000 deep", "nec", { ...NEC_BASE, metadata: deep(HUGE) }],
    ["metadata nested 50,000 deep", "auth0", { ...AUTH0_BASE, metadata: deep(HUGE) }],
    ["a metadata array of 50,000 items", "nec", { ...NEC_BASE, metadata: { list: Array(HUGE).fill(0) } }],
  ] as const)("refuses %s (%s) with a bounded list of issues", async (_name, tenant, input) => {
    const w = world();
    await warm(w);
    const { fields } = await refusedQuickly(() => w.service.signup(input, { tenant }));
    expect(fields.length).toBeGreaterThan(0);
    expect(fields.length).toBeLessThanOrEqual(32);
  });
});
