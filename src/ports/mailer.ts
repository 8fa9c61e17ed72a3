import type { MailVariables } from "../mail/mail-template.js";

/** Which flow a mail belongs to. */
export type MailKind = "confirmation" | "verification" | "notification" | "existing-account";

/**
 * A fully rendered mail, plus what it was rendered from: a mailer that renders with its own templates (react-email,
 * MJML, ...) reads `url` and `variables` and may ignore `subject`, `text` and `html`. The library only ever
 * addresses it to the address stored for the claim or user.
 */
export interface MailMessage {
  /** The recipient's address. */
  to: string;
  /** The rendered subject line (no line breaks). */
  subject: string;
  /** The rendered plain-text body. */
  text: string;
  /** The rendered HTML body (values HTML-escaped). */
  html: string;
  /** Which flow the mail belongs to. */
  kind: MailKind;
  /** The tenant (NEC BaaS tenant or Auth0 connection) the mail is about. */
  tenant: string;
  /** `en` or `ja` for the built-in templates, or whatever a tenant's own templates use. */
  locale: string;
  /**
   * The confirmation or verification link (the `url` variable) for `confirmation` and `verification` mail; absent
   * for the others. It carries a live token: never log it.
   */
  url?: string;
  /** Every template variable the mail was rendered with, raw (not escaped, `status` untranslated). */
  variables: MailVariables;
}

/** Delivers rendered mail. Reject (throw) when the mail was not accepted for delivery. */
export interface Mailer {
  /** Hands one mail to delivery; resolves once it was accepted. */
  send(message: MailMessage): Promise<void>;
}
