import { auth0Policy, baasPolicy, createSignupService, isSignupError, type SignupResult } from "signupkit";
import { createNodemailerMailer } from "signupkit/nodemailer";
import { createInsecureTestHasher, createMemoryStore } from "signupkit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SmtpTestServer, startSmtpTestServer } from "./smtp-test-server.js";

/**
 * Mail goes only to the stored address: for every hostile email (display names, comments, lists, groups, quotes,
 * brackets, format characters, header injection) a signup is either refused with 400 or its mail's RCPT TO, as a
 * real SMTP server sees it, is exactly the address the user was stored with.
 */
const HOSTILE = [
  "victim<attacker@evil.test>",
  "Victim <attacker@evil.test>",
  "victim@example.com <attacker@evil.test>",
  "victim@example.com,attacker@evil.test",
  "victim@example.com;attacker@evil.test",
  "victim@example.com attacker@evil.test",
  "attacker@evil.test (victim@example.com)",
  "victim(attacker@evil.test)@example.com",
  "victim@example.com(attacker@evil.test)",
  '"victim@example.com"@evil.test',
  '"attacker@evil.test" <victim@example.com>',
  "group:attacker@evil.test;",
  "attacker@evil.test:victim@example.com",
  "victim@[127.0.0.1]",
  "victim@example.com\r\nBcc: attacker@evil.test",
  "victim@example.com\u2028attacker@evil.test",
  "vic\u200btim@example.com",
  "vic\u00adtim@example.com",
  "victim\u2060@example.com",
  "victim@exam\u200dple.com",
  "=?utf-8?q?attacker=40evil.test?=@example.com",
  "attacker=40evil.test@example.com",
  "victim..x@example.com",
  ".victim@example.com",
  "victim@example.com.",
  "victim@-example.com",
];

let server: SmtpTestServer;
beforeAll(async () => {
  server = await startSmtpTestServer();
});
afterAll(() => server.close());

function service() {
  return createSignupService({
    store: createMemoryStore(),
    hasher: createInsecureTestHasher(),
    mailer: createNodemailerMailer(
      { host: "127.0.0.1", port: server.port, secure: false, ignoreTLS: true },
      { from: "Demo <no-reply@app.example>" },
    ),
    tenants: {
      nec: { policy: baasPolicy(), mail: { confirmation: true, confirmationUrl: "https://app.example/c" } },
      auth0: {
        policy: auth0Policy(),
        mail: { verification: true, verificationUrl: "https://app.example/v" },
      },
    },
  });
}

describe("the recipient of every mail is the stored address", () => {
  for (const tenant of ["nec", "auth0"] as const) {
    it(`${tenant}: a hostile address is refused with 400 or mailed to itself only`, async () => {
      const signups = service();
      for (const email of HOSTILE) {
        const before = server.received.length;
        const outcome = await signups
          .signup({ email, password: "Xq7!vR2#kLm-9z" }, { tenant })
          .catch((error: unknown) => error);
        if (isSignupError(outcome)) {
          expect([email, outcome.status]).toEqual([email, 400]);
          expect(server.received.length).toBe(before);
          continue;
        }
        const result = outcome as SignupResult;
        const stored = result.status === "created" ? result.user.email : email;
        expect(stored).toBe(email);
        const mails = server.received.slice(before);
        expect(mails.map((m) => m.envelope.to)).toEqual([[stored]]);
      }
    });
  }

  it("a plain address still gets its mail", async () => {
    const before = server.received.length;
    await service().signup({ email: "someone@example.com", password: "Xq7!vR2#kLm-9z" }, { tenant: "auth0" });
    expect(server.received.slice(before).map((m) => m.envelope.to)).toEqual([["someone@example.com"]]);
  });
});

describe("the nodemailer mailer on its own", () => {
  it("never parses the recipient as a list: whatever a custom policy let through reaches no other mailbox", async () => {
    const mailer = createNodemailerMailer(
      { host: "127.0.0.1", port: server.port, secure: false, ignoreTLS: true },
      { from: "Demo <no-reply@app.example>" },
    );
    for (const to of [
      "victim<attacker@evil.test>",
      "victim@example.com,attacker@evil.test",
      "a (attacker@evil.test)",
    ]) {
      const before = server.received.length;
      const sent = await mailer
        .send({
          to,
          kind: "verification",
          tenant: "t",
          locale: "en",
          subject: "s",
          text: "t",
          html: "<p>t</p>",
          variables: { tenantname: "t", appname: "a", email: to },
        })
        .then(
          () => true,
          () => false,
        );
      const recipients = server.received.slice(before).flatMap((m) => m.envelope.to);
      expect(recipients).not.toContain("attacker@evil.test");
      if (sent) expect(recipients).toEqual([to]);
    }
  });
});
