import type { Mailer, MailMessage } from "../../ports/mailer.js";
import { loadNodemailerTransport } from "./load-nodemailer-transport.js";
import {
  isMailTransport,
  type MailAddress,
  type MailTransport,
  type SmtpTransportOptions,
} from "./mail-transport.js";

/** Options of {@link createNodemailerMailer}. */
export interface NodemailerMailerOptions {
  /** The sender, e.g. `"Demo App <no-reply@app.example>"`. */
  from: MailAddress;
}

/** A {@link Mailer} backed by nodemailer. */
export interface NodemailerMailer extends Mailer {
  /**
   * Closes the transport the mailer created from SMTP options (needed with `pool: true`).
   * A transport you passed in is yours to close; this leaves it alone.
   */
  close(): void;
}

function rejectedCount(info: unknown): number {
  if (typeof info !== "object" || info === null) return 0;
  const rejected = (info as { rejected?: unknown }).rejected;
  return Array.isArray(rejected) ? rejected.length : 0;
}

/**
 * A {@link Mailer} that sends through nodemailer. Pass either a ready transport (anything with `sendMail`, such as
 * `nodemailer.createTransport(...)`) or SMTP transport options; with options, nodemailer (an optional peer
 * dependency) is imported on the first send, so this module loads without it when you pass a transport.
 *
 * Each message goes out as `sendMail({ from, to: { name: "", address }, subject, text, html })`: the recipient is an
 * address object, never a string nodemailer would parse as a list. `send` rejects when the transport fails
 * or reports the recipient as rejected (`info.rejected`); the error's `cause` keeps the transport's error.
 *
 * @example
 * import { createNodemailerMailer } from "signupkit/nodemailer";
 *
 * const mailer = createNodemailerMailer(
 *   { host: "smtp.example.com", port: 587, secure: false, auth: { user: "apikey", pass: process.env.SMTP_PASS! } },
 *   { from: "Demo App <no-reply@app.example>" },
 * );
 * const service = createSignupService({ store, hasher, mailer, tenants });
 *
 * @example
 * // With a transport you already have:
 * const mailer = createNodemailerMailer(nodemailer.createTransport(process.env.SMTP_URL), { from: "no-reply@app.example" });
 */
export function createNodemailerMailer(
  transportOrOptions: MailTransport | SmtpTransportOptions,
  options: NodemailerMailerOptions,
): NodemailerMailer {
  if (typeof transportOrOptions !== "object" || transportOrOptions === null) {
    throw new TypeError("createNodemailerMailer: pass a transport with sendMail() or SMTP transport options");
  }
  if (options?.from === undefined || options.from === "") {
    throw new TypeError("createNodemailerMailer: options.from (the sender address) is required");
  }
  const { from } = options;
  const owned = !isMailTransport(transportOrOptions);
  let transport: Promise<MailTransport> | undefined = isMailTransport(transportOrOptions)
    ? Promise.resolve(transportOrOptions)
    : undefined;

  function getTransport(): Promise<MailTransport> {
    if (transport === undefined) {
      const created = loadNodemailerTransport(transportOrOptions as SmtpTransportOptions);
      // A failed load (nodemailer missing) is retried on the next send rather than cached.
      created.catch(() => {
        if (transport === created) transport = undefined;
      });
      transport = created;
    }
    return transport;
  }

  return {
    async send(message: MailMessage): Promise<void> {
      const sender = await getTransport();
      let info: unknown;
      try {
        info = await sender.sendMail({
          from,
          to: { name: "", address: message.to },
          subject: message.subject,
          text: message.text,
          html: message.html,
        });
      } catch (cause) {
        throw new Error(`signupkit/nodemailer: the ${message.kind} mail was not accepted for delivery`, {
          cause,
        });
      }
      if (rejectedCount(info) > 0) {
        throw new Error(`signupkit/nodemailer: the ${message.kind} mail was rejected for its recipient`, {
          cause: info,
        });
      }
    },
    close(): void {
      if (!owned || transport === undefined) return;
      transport.then((sender) => sender.close?.()).catch(() => undefined);
      transport = undefined;
    },
  };
}
