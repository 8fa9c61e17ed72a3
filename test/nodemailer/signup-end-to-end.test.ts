import { baasPolicy, createSignupService, isSignupError } from "signupkit";
import { createNodemailerMailer } from "signupkit/nodemailer";
import { createInsecureTestHasher, createMemoryStore } from "signupkit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SmtpTestServer, startSmtpTestServer } from "./smtp-test-server.js";

let server: SmtpTestServer;
beforeAll(async () => {
  server = await startSmtpTestServer();
});
afterAll(async () => {
  await server.close();
});

const LINK = /https:\/\/app\.example\/confirm\?token=([A-Za-z0-9_-]+)/;

describe("confirm-before-create through a real SMTP server", () => {
  it("mails a Japanese confirmation link whose token completes the signup exactly once", async () => {
    const mailer = createNodemailerMailer(
      { host: "127.0.0.1", port: server.port, secure: false, ignoreTLS: true },
      { from: "Demo <no-reply@app.example>" },
    );
    const service = createSignupService({
      store: createMemoryStore(),
      hasher: createInsecureTestHasher(),
      mailer,
      tenants: {
        t1: {
          policy: baasPolicy(),
          displayName: "Demo",
          appName: "App",
          mail: { confirmation: true, confirmationUrl: "https://app.example/confirm", locale: "ja" },
        },
      },
    });

    const before = server.received.length;
    const result = await service.signup({ email: "a@example.com", password: "Passw0rd!" }, { tenant: "t1" });
    expect(result.status).toBe("pending");
    expect(server.received.length).toBe(before + 1);

    const mail = server.received.at(-1);
    expect(mail?.envelope.to).toEqual(["a@example.com"]);
    expect(mail?.parsed.subject).toBe("【App】ユーザー登録の確認");
    expect(mail?.parsed.text).toContain("Demo の App へのユーザー登録");
    expect(mail?.parsed.text).not.toContain("Passw0rd!");
    const token = mail?.parsed.text?.match(LINK)?.[1];
    expect(token).toBeDefined();
    expect(mail?.parsed.html).toContain(`<a href="https://app.example/confirm?token=${token}">`);

    const { user } = await service.confirm(token as string, { tenant: "t1", password: "Passw0rd!" });
    expect(user.email).toBe("a@example.com");

    const second = await service
      .confirm(token as string, { tenant: "t1", password: "Passw0rd!" })
      .catch((error: unknown) => error);
    expect(isSignupError(second)).toBe(true);
    expect(second).toMatchObject({ code: "invalid_token", status: 400 });
  });
});
