import type { LinkPageOptions } from "./pages/link-pages.js";
import { DEFAULT_MAX_BODY_BYTES } from "./read-body.js";

/** A Web-standard Fetch handler: runs on node:http (through a small adapter), Express, Fastify, Hono, Bun, Deno. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** Options both dialects share. */
export interface CommonHandlerOptions {
  /** Path prefix the routes live under, e.g. `"/api"` (default `""`). */
  basePath?: string;
  /** Largest accepted JSON body in bytes (default 64 KiB); a larger one is refused with 413 before it is read whole. */
  maxBodyBytes?: number;
  /**
   * Receives every failure answered with a 5xx: unexpected exceptions (answered 500 with a generic body) and
   * `SignupError`s of status 500/503 (store or mail down, hash queue full). Default: `console.error` of name and
   * message. Never receives a password or a raw token.
   */
  onError?: (error: unknown, request: Request) => void;
  /**
   * Extra values for `SignupContext.meta` (seen by the service's `beforeCreate`/`afterCreate` hooks), e.g. the client
   * IP for rate limiting. Called once per signup request.
   */
  meta?: (request: Request) => Readonly<Record<string, unknown>> | undefined;
  /**
   * An OpenAPI document to serve at `GET {basePath}/openapi.json`, e.g. `baasOpenApi({ tenants })` from
   * `signupkit/openapi`. Default: none (that path is 404).
   */
  openapi?: object;
  /**
   * The pages of the mailed links: built in (English and Japanese, in the tenant's `mail.locale`), your template,
   * or a redirect to your own page carrying the outcome. Default: the built-in pages.
   */
  pages?: LinkPageOptions;
}

/** {@link CommonHandlerOptions} with defaults applied. */
export interface CommonSettings {
  basePath: string;
  maxBodyBytes: number;
  report(error: unknown, request: Request): void;
  meta: CommonHandlerOptions["meta"];
  /** The `openapi` option as JSON text, or `undefined`. */
  openapi: string | undefined;
}

function defaultOnError(error: unknown): void {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
  console.error(`[signupkit/http] request failed: ${what}`);
}

/** Checks and completes the shared options; throws a `TypeError` for a bad `basePath` or `maxBodyBytes`. */
export function resolveCommon(options: CommonHandlerOptions | undefined): CommonSettings {
  const basePath = (options?.basePath ?? "").replace(/\/+$/, "");
  if (basePath !== "" && !basePath.startsWith("/")) throw new TypeError('basePath must start with "/".');
  const maxBodyBytes = options?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new TypeError("maxBodyBytes must be a positive integer.");
  }
  const onError = options?.onError ?? defaultOnError;
  return {
    basePath,
    maxBodyBytes,
    report(error, request) {
      try {
        onError(error, request);
      } catch {
        // A failing error reporter must not fail the response.
      }
    },
    meta: options?.meta,
    openapi: options?.openapi === undefined ? undefined : JSON.stringify(options.openapi),
  };
}

/**
 * The request path below `basePath`, split into decoded segments (`/1/t1/users` → `["1", "t1", "users"]`);
 * `undefined` when the path is outside `basePath` or a segment is not valid percent-encoding.
 */
export function pathSegments(url: URL, basePath: string): string[] | undefined {
  const path = url.pathname;
  if (basePath !== "" && path !== basePath && !path.startsWith(`${basePath}/`)) return undefined;
  const rest = path.slice(basePath.length);
  try {
    return rest.split("/").slice(1).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}
