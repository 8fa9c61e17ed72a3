import { createNodemailerMailer, type MailTransport, type OutgoingMail } from "signupkit/nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderMail } from "../../src/mail/templates.js";
import type { MailKind, MailMessage } from "../../src/ports/mailer.js";
import { type SmtpTestServer, startSmtpTestServer } from "./smtp-test-server.js";

const vars = {
  tenantname: "Demo",
  appname: "App <&>",
  email: "alice@example.com",
  url: "https://app.example/confirm?token=abc_DEF-123",
  username: "alice",
  status: "enabled",
};

function message(kind: MailKind, locale: string, to = "alice@example.com"): MailMessage {
  const variables = { ...vars, email: to };
  return { to, kind, tenant: "t1", ...renderMail(kind, locale, variables), variables };
}

let server: SmtpTestServer;
beforeAll(async () => {
  server = await startSmtpTestServer((address) => address.startsWith("nobody@"));
});
afterAll(async () => {
  await server.close();
});

function smtpMailer() {
  return createNodemailerMailer(
    { host: "127.0.0.1", port: server.port, secure: false, ignoreTLS: true },
    { from: "App <no-reply@app.example>" },
  );
}

describe("createNodemailerMailer over a real SMTP server", () => {
  it.each([
    ["en", "confirmation"],
    ["ja", "confirmation"],
    ["en", "notification"],
    ["ja", "notification"],
  ] as const)("delivers the %s %s mail with recipient, subject, text and html", async (locale, kind) => {
    const mailer = smtpMailer();
    const sent = message(kind, locale, `${locale}-${kind}@example.com`);
    const before = server.received.length;
    await mailer.send(sent);
    expect(server.received.length).toBe(before + 1);
    const mail = server.received.at(-1);
    expect(mail?.envelope).toEqual({ from: "no-reply@app.example", to: [`${locale}-${kind}@example.com`] });
    expect(mail?.parsed.from?.value).toEqual([{ name: "App", address: "no-reply@app.example" }]);
    expect(mail?.parsed.to).toMatchObject({ value: [{ address: `${locale}-${kind}@example.com` }] });
    expect(mail?.parsed.subject).toBe(sent.subject);
    expect(mail?.parsed.text?.trimEnd()).toBe(sent.text.trimEnd());
    expect(mail?.parsed.html).toBe(sent.html);
    if (locale === "ja") {
      expect(mail?.parsed.subject).toBe(
        kind === "confirmation" ? "【App <&>】ユーザー登録の確認" : "【App <&>】ユーザー登録完了のお知らせ",
      );
      expect(mail?.parsed.text).toContain(
        kind === "confirmation" ? "登録を完了してください" : "アカウントの状態: 有効",
      );
    }
    if (kind === "confirmation") {
      expect(mail?.parsed.text).toContain(vars.url);
      expect(mail?.parsed.html).toContain(`<a href="${vars.url}">`);
      expect(mail?.parsed.html).toContain("App &lt;&amp;&gt;");
    }
    mailer.close();
  });

  it("rejects when the server refuses the recipient, and keeps working afterwards", async () => {
    const mailer = smtpMailer();
    const before = server.received.length;
    const failure = mailer.send(message("confirmation", "en", "nobody@example.com"));
    await expect(failure).rejects.toThrow(/not accepted for delivery/);
    const error = (await failure.then(
      () => undefined,
      (e: unknown) => e,
    )) as Error;
    expect((error.cause as { responseCode?: number }).responseCode).toBe(550);
    expect(error.message).not.toContain("nobody@example.com");
    expect(server.received.length).toBe(before);

    await mailer.send(message("verification", "ja", "later@example.com"));
    expect(server.received.at(-1)?.envelope.to).toEqual(["later@example.com"]);
  });

  it("closes a pooled transport it created", async () => {
    const mailer = createNodemailerMailer(
      { host: "127.0.0.1", port: server.port, secure: false, ignoreTLS: true, pool: true },
      { from: "no-reply@app.example" },
    );
    await mailer.send(message("existing-account", "ja", "pool@example.com"));
    expect(server.received.at(-1)?.parsed.subject).toBe(message("existing-account", "ja").subject);
    mailer.close();
  });
});

describe("createNodemailerMailer with a transport", () => {
  function fakeTransport(result: unknown = { accepted: ["x"], rejected: [] }) {
    const calls: OutgoingMail[] = [];
    let closed = false;
    const transport: MailTransport = {
      sendMail: async (mail) => {
        calls.push(mail);
        return result;
      },
      close: () => {
        closed = true;
      },
    };
    return { transport, calls, isClosed: () => closed };
  }

  it("maps the message to sendMail({ from, to, subject, text, html }) only", async () => {
    const { transport, calls } = fakeTransport();
    const from = { name: "App", address: "no-reply@app.example" };
    await createNodemailerMailer(transport, { from }).send(message("confirmation", "ja"));
    const sent = message("confirmation", "ja");
    expect(calls).toEqual([
      { from, to: { name: "", address: sent.to }, subject: sent.subject, text: sent.text, html: sent.html },
    ]);
  });

  it("rejects when the transport reports the recipient as rejected", async () => {
    const { transport } = fakeTransport({ accepted: [], rejected: ["alice@example.com"] });
    await expect(
      createNodemailerMailer(transport, { from: "a@app.example" }).send(message("verification", "en")),
    ).rejects.toThrow(/rejected for its recipient/);
  });

  it("rejects when sendMail throws, keeping the cause", async () => {
    const cause = new Error("connection refused");
    const transport: MailTransport = { sendMail: () => Promise.reject(cause) };
    const failure = createNodemailerMailer(transport, { from: "a@app.example" }).send(
      message("notification", "en"),
    );
    await expect(failure).rejects.toMatchObject({ cause });
  });

  it("accepts results without rejected", async () => {
    const { transport } = fakeTransport(undefined);
    await expect(
      createNodemailerMailer(transport, { from: "a@app.example" }).send(message("verification", "en")),
    ).resolves.toBeUndefined();
  });

  it("leaves a transport it did not create open on close()", () => {
    const { transport, isClosed } = fakeTransport();
    createNodemailerMailer(transport, { from: "a@app.example" }).close();
    expect(isClosed()).toBe(false);
  });

  it("requires a sender", () => {
    const { transport } = fakeTransport();
    expect(() => createNodemailerMailer(transport, { from: "" })).toThrow(TypeError);
    expect(() => createNodemailerMailer(null as unknown as MailTransport, { from: "a@app.example" })).toThrow(
      TypeError,
    );
  });
});
