import type { MailKind } from "../ports/mailer.js";
import { STATUS_WORDS_JA } from "./default-templates-ja.js";
import { escapeHtml } from "./escape-html.js";
import {
  MAIL_VARIABLE_NAMES,
  type MailTemplates,
  type MailVariables,
  type RenderedMail,
} from "./mail-template.js";
import { languageOf, resolveTemplate } from "./resolve-template.js";

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
/** What a subject may show: values the tenant chose. A user's own (email, username) or a link never go there. */
const SUBJECT_VARIABLES: ReadonlySet<string> = new Set(["tenantname", "appname", "status"]);
const LINE_BREAKS = /[\r\n\u0085\u2028\u2029]+/g;

function fill(
  template: string,
  values: ReadonlyMap<string, string>,
  encode: (value: string) => string,
): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => encode(values.get(name) ?? ""));
}

function withoutLineBreaks(value: string): string {
  return value.replace(LINE_BREAKS, " ");
}

/**
 * Renders the mail of `kind` in `locale` with `vars`, using the tenant's `templates` where they override a field.
 *
 * - Placeholders are `{{name}}` with the names of {@link MailVariables}; an unknown or missing one renders empty.
 * - Values are HTML-escaped in `html`, inserted raw in `text` and `subject`; line breaks (CR, LF and Unicode line
 *   separators) in the rendered subject become a space, so no value can inject a mail header.
 * - A subject shows only what the tenant chose (`tenantname`, `appname`, `status`): `email`, `username` and `url`
 *   render empty there, so a value the signup caller typed never reaches a subject line, where a mail client shows
 *   it as if the sender wrote it. In the default bodies such values sit in quotation marks on their own labelled
 *   lines.
 * - Locale fallback: the exact locale, then its language (`ja-JP` → `ja`), then `en`; keys match ignoring case.
 *   The returned `locale` is the key of the template used.
 * - With a Japanese template (`ja`, `ja-*`), `status` `"enabled"` / `"disabled"` render as `有効` / `無効`.
 *
 * @example
 * const mail = renderMail("confirmation", "ja-JP", {
 *   tenantname: "Demo", appname: "App", email: "a@example.com", url: "https://app.example/confirm?token=abc",
 * });
 * mail.locale; // "ja"
 * mail.subject; // "【App】ユーザー登録の確認"
 */
export function renderMail(
  kind: MailKind,
  locale: string,
  vars: MailVariables,
  templates?: MailTemplates,
): RenderedMail {
  const resolved = resolveTemplate(kind, locale, templates);
  const values = new Map<string, string>();
  for (const name of MAIL_VARIABLE_NAMES) {
    const value = vars[name];
    if (typeof value === "string") values.set(name, value);
  }
  const status = values.get("status");
  if (status !== undefined && Object.hasOwn(STATUS_WORDS_JA, status)) {
    if (languageOf(resolved.locale).toLowerCase() === "ja")
      values.set("status", STATUS_WORDS_JA[status] ?? status);
  }
  const subjectValues = new Map([...values].filter(([name]) => SUBJECT_VARIABLES.has(name)));
  return {
    subject: withoutLineBreaks(fill(resolved.template.subject, subjectValues, withoutLineBreaks)).trim(),
    text: fill(resolved.template.text, values, (value) => value),
    html: fill(resolved.template.html, values, escapeHtml),
    locale: resolved.locale,
  };
}
