import { auth0Policy, baasPolicy, createSignupService } from "signupkit";
import { createInsecureTestHasher, createMemoryMailer, createMemoryStore } from "signupkit/testing";
import { describe, expect, it } from "vitest";

function setup() {
  const mailer = createMemoryMailer();
  const service = createSignupService({
    store: createMemoryStore(),
    mailer,
    hasher: createInsecureTestHasher(),
    tenants: {
      nec: {
        policy: baasPolicy(),
        displayName: "Tenant One",
        appName: "App",
        mail: { confirmation: true, confirmationUrl: "https://app.example/confirm", locale: "ja" },
      },
      notify: { policy: baasPolicy(), mail: { notification: true } },
      auth0: {
        policy: auth0Policy(),
        mail: { verification: true, verificationUrl: "https://app.example/verify?connection=auth0" },
      },
    },
  });
  return { mailer, service };
}

describe("MailMessage carries the link and the template variables (for hosts that render their own mail)", () => {
  it("confirmation: url is the link in the body; variables are the raw values", async () => {
    const { mailer, service } = setup();
    await service.signup({ email: "taro@example.com", password: "Passw0rd" }, { tenant: "nec" });
    const message = mailer.messages.at(-1);
    expect(message?.url).toMatch(/^https:\/\/app\.example\/confirm\?token=[A-Za-z0-9_-]{43}$/);
    expect(message?.text).toContain(message?.url);
    expect(message?.variables).toEqual({
      tenantname: "Tenant One",
      appname: "App",
      email: "taro@example.com",
      url: message?.url,
    });
  });

  it("verification: url keeps the link base's query", async () => {
    const { mailer, service } = setup();
    await service.signup({ email: "ann@example.com", password: "Xy9!kL2#pQ" }, { tenant: "auth0" });
    const message = mailer.messages.at(-1);
    expect(message?.url).toMatch(
      /^https:\/\/app\.example\/verify\?connection=auth0&token=[A-Za-z0-9_-]{43}$/,
    );
    expect(message?.variables.url).toBe(message?.url);
  });

  it("notification: no url, and the username and status as given (not translated)", async () => {
    const { mailer, service } = setup();
    await service.signup(
      { username: "taro", email: "t@example.com", password: "Passw0rd" },
      { tenant: "notify" },
    );
    const message = mailer.messages.at(-1);
    expect(message?.kind).toBe("notification");
    expect(message?.url).toBeUndefined();
    expect(message?.variables).toMatchObject({ username: "taro", status: "enabled", email: "t@example.com" });
  });
});
