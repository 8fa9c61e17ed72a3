/** Mail rendering: built-in English and Japanese templates, tenant overrides, `renderMail`. */
export { DEFAULT_TEMPLATES_EN } from "./default-templates-en.js";
export { DEFAULT_TEMPLATES_JA } from "./default-templates-ja.js";
export { escapeHtml } from "./escape-html.js";
export type { MailTemplate, MailTemplates, MailVariables, RenderedMail } from "./mail-template.js";
export { renderMail } from "./render-mail.js";
