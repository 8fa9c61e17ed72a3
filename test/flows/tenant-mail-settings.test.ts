import { baasPolicy, createSignupService, isSignupError, type TenantMailOptions } from "signupkit";
import { createInsecureTestHasher, createMemoryMailer, createMemoryStore } from "signupkit/testing";
import { describe, expect, it } from "vitest";
import { CONFIRM, CONFIRM_URL, makeHarness, rejection, tokenOf } from "./harness.js";

function create(mail: TenantMailOptions, withMailer = true) {
  return () =>
    createSignupService({
      store: createMemoryStore(),
      hasher: createInsecureTestHasher(),
      ...(withMailer ? { mailer: createMemoryMailer() } : {}),
      tenants: { ok: { policy: baasPolicy() }, t1: { policy: baasPolicy(), mail } },
    });
}

function configError(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  throw new Error("expected createSignupService to throw");
}

describe("tenant mail settings", () => {
  it.each([
    ["confirmation", { confirmation: true, confirmationUrl: CONFIRM_URL }],
    ["verification", { verification: true, verificationUrl: CONFIRM_URL }],
    ["notification", { notification: true }],
  ] as const)("refuses %s mail without a mailer at creation (invalid_config)", (_name, mail) => {
    const error = configError(create(mail, false));
    expect(isSignupError(error)).toBe(true);
    expect(error).toMatchObject({ status: 500, code: "invalid_config" });
    expect(() => create(mail, true)()).not.toThrow();
  });

  it.each<[string, TenantMailOptions]>([
    ["confirmation without confirmationUrl", { confirmation: true }],
    ["verification without verificationUrl", { verification: true }],
    ["a relative link base", { confirmation: true, confirmationUrl: "/confirm" }],
    ["a javascript: link base", { confirmation: true, confirmationUrl: "javascript:alert(1)" }],
    ["concealExisting without confirmation", { concealExisting: true }],
    ["a zero confirmationTtl", { ...CONFIRM, confirmationTtl: 0 }],
    ["a negative verificationTtl", { verification: true, verificationUrl: CONFIRM_URL, verificationTtl: -1 }],
    ["an infinite resendInterval", { ...CONFIRM, resendInterval: Number.POSITIVE_INFINITY }],
    ["a locale that is not a string", { ...CONFIRM, locale: 5 as unknown as string }],
  ])("refuses %s at creation", (_name, mail) => {
    expect(configError(create(mail))).toMatchObject({ code: "invalid_config" });
  });

  it("sends no mail by default: signup creates the user directly", async () => {
    const h = makeHarness({ t1: {} });
    const result = await h.service.signup({ email: "a@example.com", password: "Passw0rd" }, { tenant: "t1" });
    expect(result).toMatchObject({ status: "created", user: { emailVerified: false } });
    expect(result).not.toHaveProperty("verificationMail");
    expect(h.mailer.attempts).toBe(0);
  });

  it("builds links only from the configured URL, whatever the request carries", async () => {
    const h = makeHarness({ t1: CONFIRM });
    const refused = await rejection(
      h.service.signup(
        { email: "a@example.com", password: "Passw0rd", confirmationUrl: "https://evil.example/" },
        { tenant: "t1" },
      ),
    );
    expect(refused).toMatchObject({ code: "invalid_input" });
    expect(h.mailer.attempts).toBe(0);

    await h.service.signup(
      { email: "a@example.com", password: "Passw0rd" },
      { tenant: "t1", meta: { confirmationUrl: "https://evil.example/", origin: "https://evil.example" } },
    );
    const mail = h.lastTo("a@example.com");
    expect(mail?.text).toContain(`${CONFIRM_URL}?token=${tokenOf(mail)}`);
    expect(mail?.text).not.toContain("evil");
    expect(mail?.html).not.toContain("evil");
  });

  it("keeps the configured URL's query and fragment around the token", async () => {
    const h = makeHarness({
      t1: { ...CONFIRM, confirmationUrl: "https://app.example/c?src=mail&token=stale#top" },
    });
    await h.service.signup({ email: "a@example.com", password: "Passw0rd" }, { tenant: "t1" });
    const mail = h.lastTo("a@example.com");
    const token = tokenOf(mail);
    expect(mail?.text).toContain(`https://app.example/c?src=mail&token=${token}#top`);
    expect(mail?.text).not.toContain("stale");
  });
});
