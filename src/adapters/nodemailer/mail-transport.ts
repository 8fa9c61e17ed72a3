/** An address as nodemailer takes it: `"App <no-reply@app.example>"` or `{ name, address }`. */
export type MailAddress =
  | string
  | {
      /** The display name. */
      name: string;
      /** The address. */
      address: string;
    };

/** The fields `createNodemailerMailer` hands to `sendMail`. */
export interface OutgoingMail {
  /** The sender. */
  from: MailAddress;
  /**
   * The one recipient, as an address object: nodemailer takes `address` as it is, where a string would be parsed
   * as a list with display names and comments (and could name another mailbox than the stored address).
   */
  to: {
    /** No display name. */
    name: "";
    /** The recipient's address. */
    address: string;
  };
  /** The subject line. */
  subject: string;
  /** The plain-text body. */
  text: string;
  /** The HTML body. */
  html: string;
}

/**
 * Anything with nodemailer's promise-returning `sendMail`: a nodemailer `Transporter` (SMTP, SES, sendmail,
 * stream...) or your own object. Only `info.rejected` of the result is looked at.
 */
export interface MailTransport {
  /** Sends one mail; rejects when it was not accepted. */
  sendMail(mail: OutgoingMail): Promise<unknown>;
  /** Called by the mailer's `close()` only for a transport the mailer created itself. */
  close?(): void;
}

/**
 * nodemailer SMTP transport options (see nodemailer's `SMTPTransport.Options`), passed to `createTransport` as they
 * are. The common ones are listed; any other nodemailer option may be added.
 */
export interface SmtpTransportOptions {
  /** The SMTP server's host name. */
  host?: string;
  /** The SMTP server's port. */
  port?: number;
  /** `true` for implicit TLS (port 465); `false` upgrades with STARTTLS when the server offers it. */
  secure?: boolean;
  /** Never use STARTTLS, even when offered (local test servers). */
  ignoreTLS?: boolean;
  /** Fail unless STARTTLS succeeds. */
  requireTLS?: boolean;
  /** SMTP credentials. */
  auth?: {
    /** The user name. */
    user: string;
    /** The password. */
    pass: string;
  };
  /** Keep a pool of connections; call the mailer's `close()` at shutdown. */
  pool?: boolean;
  [option: string]: unknown;
}

/** Whether `value` is a transport (has a `sendMail` function) rather than transport options. */
export function isMailTransport(value: unknown): value is MailTransport {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { sendMail?: unknown }).sendMail === "function"
  );
}
