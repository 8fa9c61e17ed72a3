import type { MailKind } from "../ports/mailer.js";

/** One mail template. Every field may use `{{name}}` placeholders of {@link MailVariables}. */
export interface MailTemplate {
  /** The subject line. Line breaks are removed after rendering (no header injection). */
  subject: string;
  /** The plain-text body. Values are inserted as they are. */
  text: string;
  /** The HTML body. Values are HTML-escaped; the template's own markup is trusted. */
  html: string;
}

/**
 * Per kind, per locale (`"ja"`, `"ja-JP"`, `"fr"`...), a partial override of the built-in template.
 * Fields left out come from the built-in template of the same locale, else of the fallback locale.
 *
 * @example
 * const templates: MailTemplates = {
 *   confirmation: { en: { subject: "Welcome to {{appname}}: one more step" } },
 * };
 */
export type MailTemplates = { [K in MailKind]?: Record<string, Partial<MailTemplate>> };

/**
 * The values a template can use, named as in NEC BaaS mail templates.
 * `url` is the confirmation or verification link; `username` and `status` are for the completion notice.
 */
export interface MailVariables {
  /** The tenant's display name. */
  tenantname: string;
  /** The application name. */
  appname: string;
  /** The recipient's address. */
  email: string;
  /** The confirmation or verification link (carries a live token). */
  url?: string;
  /** The new user's username (completion notice). */
  username?: string;
  /**
   * The new account's state, `"enabled"` or `"disabled"`. When the template's locale is Japanese (`ja`, `ja-*`)
   * these two words are rendered as `有効` / `無効`; any other value is inserted unchanged.
   */
  status?: string;
}

/** A rendered mail: the three fields, and the locale whose template was used. */
export interface RenderedMail extends MailTemplate {
  /** The template's locale key: `"en"` or `"ja"` for the built-in ones, or a tenant's own key. */
  locale: string;
}

/** Every placeholder name a template can use. Anything else renders as an empty string. */
export const MAIL_VARIABLE_NAMES: readonly (keyof MailVariables)[] = [
  "tenantname",
  "appname",
  "email",
  "url",
  "username",
  "status",
];
