export type { MailAddress, MailTransport, OutgoingMail, SmtpTransportOptions } from "./mail-transport.js";
export {
  createNodemailerMailer,
  type NodemailerMailer,
  type NodemailerMailerOptions,
} from "./nodemailer-mailer.js";
