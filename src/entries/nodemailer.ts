/**
 * `signupkit/nodemailer`: a {@link Mailer} over nodemailer (SMTP or any nodemailer transport).
 * nodemailer is an optional peer dependency, loaded only when you pass SMTP options instead of a transport.
 *
 * @module
 */

export * from "../adapters/nodemailer/index.js";
export type { Mailer, MailKind, MailMessage } from "../ports/mailer.js";
