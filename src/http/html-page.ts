import { base64url } from "../identity/base64url.js";
import { escapeHtml } from "../mail/escape-html.js";
import type { ExtraHeaders } from "./responses.js";

const STYLE =
  "body{font-family:system-ui,sans-serif;margin:0;padding:2rem 1rem;background:#f6f7f9;color:#1f2328}" +
  "main{max-width:32rem;margin:0 auto;background:#fff;border-radius:8px;padding:1.5rem 2rem;" +
  "box-shadow:0 1px 3px rgba(0,0,0,.12)}h1{font-size:1.4rem}" +
  "button{font-size:1rem;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#0969da;color:#fff;cursor:pointer}";

/** What one page shows: every string is escaped when rendered. */
export interface PageContent {
  title: string;
  paragraphs: readonly string[];
  /**
   * A POST form with one button; hidden fields carry the values the POST needs (the token); `password` adds a
   * password field with that label.
   */
  form?: { action: string; button: string; hidden: Readonly<Record<string, string>>; password?: string };
}

function renderForm(form: NonNullable<PageContent["form"]>): string {
  const fields = Object.entries(form.hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
  const password =
    form.password === undefined
      ? ""
      : `<p><label>${escapeHtml(form.password)}<br>` +
        '<input type="password" name="password" autocomplete="current-password"></label></p>';
  return (
    `<form method="post" action="${escapeHtml(form.action)}">${fields}${password}` +
    `<button type="submit">${escapeHtml(form.button)}</button></form>`
  );
}

/**
 * The headers of every page: `Cache-Control: no-store`, `Referrer-Policy: no-referrer` (the page URL may carry a
 * token), and a CSP that allows nothing but a style with `nonce` and a same-origin form.
 */
export function pageHeaders(nonce: string): Record<string, string> {
  return {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
  };
}

/** A small self-contained HTML page: everything escaped, in `lang` (default `en`), with {@link pageHeaders}. */
export function htmlPage(
  content: PageContent & { locale?: string },
  status: number,
  headers: ExtraHeaders = {},
  nonce: string = base64url(crypto.getRandomValues(new Uint8Array(16))),
): Response {
  const body =
    "<!doctype html>\n" +
    `<html lang="${escapeHtml(content.locale ?? "en")}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<meta name="robots" content="noindex, nofollow">' +
    `<title>${escapeHtml(content.title)}</title><style nonce="${nonce}">${STYLE}</style></head>` +
    `<body><main><h1>${escapeHtml(content.title)}</h1>` +
    content.paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join("") +
    (content.form ? renderForm(content.form) : "") +
    "</main></body></html>\n";
  return new Response(body, { status, headers: { ...pageHeaders(nonce), ...headers } });
}
