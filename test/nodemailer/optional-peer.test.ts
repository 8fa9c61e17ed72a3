import { afterEach, describe, expect, it, vi } from "vitest";
import type { MailMessage } from "../../src/ports/mailer.js";

const message: MailMessage = {
  to: "a@example.com",
  subject: "s",
  text: "t",
  html: "<p>h</p>",
  kind: "verification",
  tenant: "t1",
  locale: "en",
  variables: { tenantname: "t1", appname: "t1", email: "a@example.com" },
};

afterEach(() => {
  vi.doUnmock("nodemailer");
  vi.resetModules();
});

describe("signupkit/nodemailer without nodemailer installed", () => {
  it("loads and sends through a passed transport; SMTP options fail on send with a clear error", async () => {
    let loads = 0;
    vi.doMock("nodemailer", () => {
      loads += 1;
      throw new Error("Cannot find package 'nodemailer'");
    });
    vi.resetModules();
    const { createNodemailerMailer } = await import("signupkit/nodemailer");

    const sent: unknown[] = [];
    const mailer = createNodemailerMailer(
      { sendMail: async (mail) => sent.push(mail) },
      { from: "a@app.example" },
    );
    await mailer.send(message);
    expect(sent).toHaveLength(1);
    expect(loads).toBe(0);

    const smtp = createNodemailerMailer({ host: "127.0.0.1", port: 25 }, { from: "a@app.example" });
    await expect(smtp.send(message)).rejects.toThrow(/optional dependency "nodemailer" could not be loaded/);
    // The failed load is not cached: the next send tries again.
    await expect(smtp.send(message)).rejects.toThrow(/could not be loaded/);
    expect(loads).toBeGreaterThanOrEqual(1);
  });

  it("imports nodemailer only on the first send with SMTP options, and only once", async () => {
    const created: unknown[] = [];
    const sendMail = vi.fn(async () => ({ rejected: [] }));
    vi.doMock("nodemailer", () => ({
      default: {
        createTransport: (options: unknown) => {
          created.push(options);
          return { sendMail };
        },
      },
    }));
    vi.resetModules();
    const { createNodemailerMailer } = await import("signupkit/nodemailer");
    const mailer = createNodemailerMailer({ host: "smtp.example", port: 587 }, { from: "a@app.example" });
    expect(created).toEqual([]);
    await mailer.send(message);
    await mailer.send(message);
    expect(created).toEqual([{ host: "smtp.example", port: 587 }]);
    expect(sendMail).toHaveBeenCalledTimes(2);
  });
});
