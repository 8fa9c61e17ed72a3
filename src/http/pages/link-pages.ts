import { base64url } from "../../identity/base64url.js";
import { htmlPage, pageHeaders } from "../html-page.js";
import type { ExtraHeaders } from "../responses.js";
import {
  formWords,
  type LinkFlow,
  type LinkOutcome,
  outcomeWords,
  pageLocale,
  type RetryReason,
} from "./page-text.js";

/** One mailed-link page, as a template of yours receives it. Every string is raw: escape what you insert. */
export interface LinkPage {
  /** NEC BaaS confirmation or Auth0 email verification. */
  flow: LinkFlow;
  /**
   * `form`: the GET page whose button POSTs the token with the password chosen at signup (shown again, status 400,
   * after a wrong or missing password); `outcome`: the result of that POST (or a bad link).
   */
  step: "form" | "outcome";
  /** On a `form` page shown again: why (the first paragraph says it in `locale`). */
  retry?: RetryReason;
  /** The result shown, on an `outcome` page. */
  outcome?: LinkOutcome;
  /** The HTTP status the page is answered with. */
  status: number;
  /** The tenant (NEC BaaS) or connection (Auth0) of the link; `""` when the link names none. */
  tenant: string;
  /** The built-in locale the words are in: the tenant's (`ja`, `ja-JP` → `ja`), else `en`. */
  locale: "en" | "ja";
  /** The built-in heading, in `locale`. */
  title: string;
  /** The built-in paragraphs, in `locale`. */
  paragraphs: string[];
  /**
   * On a `form` page: the form to render. POST to `action` as `application/x-www-form-urlencoded` with every
   * `hidden` field (the token), a `password` field, and the button.
   */
  form?: {
    /** The label of the `password` field (the password chosen at signup), in `locale`. */
    password: string;
    /** Where the form POSTs to (same origin). */
    action: string;
    /** The button's label, in `locale`. */
    button: string;
    /** Hidden fields to send: the token. */
    hidden: Readonly<Record<string, string>>;
  };
  /** The CSP nonce of this response: a `<style nonce="…">` with it is allowed in a template's HTML. */
  nonce: string;
}

/** How the mailed-link pages look: the built-in ones in the tenant's locale, your template, or your own page. */
export interface LinkPageOptions {
  /**
   * The locale of the built-in pages: a fixed one, or one per tenant. Default: the tenant's `mail.locale`.
   * Built in are `en` and `ja`; any other falls back to `en`.
   */
  locale?: string | ((tenant: string) => string | undefined);
  /**
   * Your template. Return the HTML of the page (answered with the page's status and the built-in security
   * headers, a CSP allowing only `<style nonce>` and a same-origin form), a whole `Response`, or `undefined` for
   * the built-in page.
   */
  render?: (page: LinkPage) => string | Response | undefined;
  /**
   * Your own page for outcomes: an absolute http(s) URL. Instead of an outcome page the route answers
   * `303 See Other` to it with `result` (a {@link LinkOutcome}), `flow` and `tenant` added to its query. The
   * token is never passed on. The GET form page is still rendered (built-in or `render`).
   */
  redirect?: string;
}

/** The pages of one flow, as the token route asks for them. */
export interface LinkPages {
  /** The GET page: a form whose button POSTs `token` and `password` to `action`; with `retry`, shown again (400). */
  form(tenant: string, action: string, token: string, retry?: RetryReason): Response;
  /** An outcome page (or the redirect to the host's page). */
  outcome(tenant: string, outcome: LinkOutcome, status: number, headers?: ExtraHeaders): Response;
}

function checkRedirect(redirect: string | undefined): URL | undefined {
  if (redirect === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(redirect);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new TypeError("pages.redirect must be an absolute http(s) URL.");
  }
  return url;
}

/**
 * Builds the page renderer of one flow. `tenantLocale` answers a tenant's configured locale (the service's).
 * Throws a `TypeError` for a bad `redirect`.
 */
export function createLinkPages(
  options: LinkPageOptions | undefined,
  flow: LinkFlow,
  tenantLocale: (tenant: string) => string | undefined,
): LinkPages {
  const redirect = checkRedirect(options?.redirect);
  const chosen = options?.locale;
  const localeOf = (tenant: string) =>
    pageLocale(typeof chosen === "function" ? chosen(tenant) : (chosen ?? tenantLocale(tenant)));

  function respond(page: LinkPage, headers: ExtraHeaders): Response {
    const custom = options?.render?.(page);
    if (custom instanceof Response) return custom;
    if (typeof custom === "string") {
      return new Response(custom, {
        status: page.status,
        headers: { ...pageHeaders(page.nonce), ...headers },
      });
    }
    return htmlPage(page, page.status, headers, page.nonce);
  }

  return {
    form(tenant, action, token, retry) {
      const locale = localeOf(tenant);
      const { password, button, ...words } = formWords(locale, flow, retry);
      const form = { action, button, hidden: { token }, password };
      const nonce = base64url(crypto.getRandomValues(new Uint8Array(16)));
      const status = retry === undefined ? 200 : 400;
      const page: LinkPage = { flow, step: "form", status, tenant, locale, ...words, form, nonce };
      if (retry !== undefined) page.retry = retry;
      return respond(page, {});
    },
    outcome(tenant, outcome, status, headers = {}) {
      if (redirect !== undefined) {
        const target = new URL(redirect);
        target.searchParams.set("result", outcome);
        target.searchParams.set("flow", flow);
        target.searchParams.set("tenant", tenant);
        return new Response(null, {
          status: 303,
          headers: { Location: target.href, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" },
        });
      }
      const locale = localeOf(tenant);
      const words = outcomeWords(locale, flow, outcome);
      const nonce = base64url(crypto.getRandomValues(new Uint8Array(16)));
      return respond({ flow, step: "outcome", outcome, status, tenant, locale, ...words, nonce }, headers);
    },
  };
}
