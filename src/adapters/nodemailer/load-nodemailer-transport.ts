import type { MailTransport, SmtpTransportOptions } from "./mail-transport.js";

type CreateTransport = (options: SmtpTransportOptions) => MailTransport;

/**
 * Imports the optional peer `nodemailer` and creates an SMTP transport from `options`.
 * The import is dynamic so that `signupkit/nodemailer` loads without nodemailer when a transport is passed in.
 */
export async function loadNodemailerTransport(options: SmtpTransportOptions): Promise<MailTransport> {
  let module: { createTransport?: unknown; default?: { createTransport?: unknown } };
  try {
    module = (await import("nodemailer")) as typeof module;
  } catch (cause) {
    throw new Error(
      'signupkit/nodemailer: the optional dependency "nodemailer" could not be loaded; install it (npm install nodemailer) or pass a transport with sendMail()',
      { cause },
    );
  }
  const create = module.default?.createTransport ?? module.createTransport;
  if (typeof create !== "function") {
    throw new Error('signupkit/nodemailer: the installed "nodemailer" has no createTransport()');
  }
  return (create as CreateTransport)(options);
}
