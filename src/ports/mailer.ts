/** Which flow a mail belongs to. */
export type MailKind = "confirmation" | "verification" | "notification" | "existing-account";

/** A fully rendered mail. The library only ever addresses it to the address stored for the claim or user. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  kind: MailKind;
  tenant: string;
  /** `en` or `ja` for the built-in templates, or whatever a tenant's own templates use. */
  locale: string;
}

/** Delivers rendered mail. Reject (throw) when the mail was not accepted for delivery. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
