import { SignupError } from "../errors/signup-error.js";
import type { BreachedPasswordCheck } from "../ports/breached-password-check.js";
import { createLookupSlots } from "./lookup-slots.js";
import { createPrefixCache, type PrefixCache } from "./prefix-cache.js";
import { PwnedPasswordsError } from "./pwned-passwords-error.js";
import { MAX_RANGE_CHARS, parseRange } from "./range-response.js";
import { readBounded } from "./read-bounded.js";

export { PwnedPasswordsError };

/** The public Have I Been Pwned range API. */
export const PWNED_PASSWORDS_API = "https://api.pwnedpasswords.com";

/**
 * The part of a fetch response the check reads. The global `Response` fits. The body is read from `body` as a
 * stream, stopping at 1 MiB; a response without `body` is read with `text()`, which cannot be bounded while reading.
 */
export interface PwnedFetchResponse {
  /** Whether the status is 2xx. */
  ok: boolean;
  /** The HTTP status. */
  status: number;
  /** The body as a stream, when the fetch gives one. */
  body?: ReadableStream<Uint8Array> | null;
  /** The whole body as text. */
  text(): Promise<string>;
}

/** The fetch the check calls: the global `fetch` fits, so does undici's or a test double. */
export type PwnedFetch = (
  url: string,
  init: { method: "GET"; headers: Record<string, string>; signal: AbortSignal },
) => Promise<PwnedFetchResponse>;

/** Options of {@link createPwnedPasswordsCheck}. */
export interface PwnedPasswordsOptions {
  /** Base URL of the range API (a mirror or a self-hosted copy). Default {@link PWNED_PASSWORDS_API}. */
  baseUrl?: string;
  /**
   * Bound on one lookup, headers and body together, in ms. Default 3 000: below the service's own
   * `timeouts.breachedPasswords` (5 000), so that `failure` decides what a slow API means.
   */
  timeoutMs?: number;
  /**
   * Range responses kept in memory, by hash prefix (least recently used dropped first), or `false` for none.
   * Default `{ maxEntries: 100, ttlMs: 3_600_000 }`; one entry holds about 1,000 suffixes (tens of KB).
   */
  cache?:
    | false
    | {
        /** Ranges kept at most. */
        maxEntries?: number;
        /** How long a range is kept, in ms. */
        ttlMs?: number;
      };
  /**
   * What an unknown answer (timeout, network error, non-2xx status, malformed body) means. `"closed"` (the default)
   * rejects, which the service turns into 503 `unavailable`: no password is accepted unchecked. `"open"` answers
   * "not breached" and reports the failure to `onError`: signups keep working while the API is down.
   */
  failure?: "open" | "closed";
  /**
   * Range requests in flight at once (default 8); further lookups wait for a slot, within their `timeoutMs`.
   * Concurrent lookups of one prefix share a request and take one slot.
   */
  maxConcurrentLookups?: number;
  /** A password counts as breached when it was seen at least this often (default 1). */
  minCount?: number;
  /** The fetch to call. Default: the global `fetch`. */
  fetch?: PwnedFetch;
  /** Receives lookup failures that `failure: "open"` swallows. Never passed the password or its hash. */
  onError?: (error: unknown) => void;
  /** Clock for the cache lifetime, ms since the epoch. Default `Date.now`. */
  now?: () => number;
}

const NAME = "createPwnedPasswordsCheck";
const fail = (message: string) => new SignupError("invalid_config", { message: `${NAME}: ${message}` });

function positive(value: number | undefined, name: string, fallback: number, integer = false): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== "number" ||
    !(value > 0) ||
    !Number.isFinite(value) ||
    (integer && !Number.isInteger(value))
  ) {
    throw fail(`${name} must be a positive ${integer ? "integer" : "number"}.`);
  }
  return value;
}

function baseUrlOf(value: string | undefined): string {
  const base = value ?? PWNED_PASSWORDS_API;
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw fail("baseUrl must be an absolute URL.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw fail("baseUrl must be an http(s) URL.");
  return base.replace(/\/+$/, "");
}

/** Upper-case hex SHA-1 of the password's UTF-8 bytes, as the range API indexes it. */
async function sha1Hex(password: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(password));
  let hex = "";
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, "0");
  return hex.toUpperCase();
}

/**
 * Settles like `promise`, or rejects once `signal` aborts (for a custom fetch that ignores it). Whichever loses is
 * still handled, so neither a late abort nor a late rejection is ever unhandled.
 */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const abort = () =>
      reject(new PwnedPasswordsError("The Pwned Passwords lookup timed out.", { cause: signal.reason }));
    if (signal.aborted) abort();
    else signal.addEventListener("abort", abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", abort);
        reject(error);
      },
    );
  });
}

/**
 * A {@link BreachedPasswordCheck} against the Have I Been Pwned "Pwned Passwords" range API, with k-anonymity: only
 * the first 5 hex characters of the password's SHA-1 leave the process (`GET {baseUrl}/range/{prefix}` with
 * `Add-Padding: true`); the suffix is compared locally, and padding entries (count 0) never match. Runs on any
 * runtime with `fetch`, `AbortSignal.timeout` and `crypto.subtle`. Concurrent lookups of one prefix share a request;
 * at most `maxConcurrentLookups` requests run at once, and a body is read only up to 1 MiB.
 * Throws `SignupError("invalid_config")` for bad options.
 *
 * @example
 * const service = createSignupService({
 *   store,
 *   breachedPasswords: createPwnedPasswordsCheck({ failure: "open", onError: (e) => log.warn(e) }),
 *   tenants,
 * });
 * // A breached password: 400 invalid_input with issue code "password_breached".
 */
export function createPwnedPasswordsCheck(options: PwnedPasswordsOptions = {}): BreachedPasswordCheck {
  const baseUrl = baseUrlOf(options.baseUrl);
  const timeoutMs = positive(options.timeoutMs, "timeoutMs", 3_000);
  const minCount = positive(options.minCount, "minCount", 1, true);
  const failure = options.failure ?? "closed";
  if (failure !== "open" && failure !== "closed") throw fail('failure must be "open" or "closed".');
  const fetchOption: PwnedFetch | undefined = options.fetch ?? globalThis.fetch?.bind(globalThis);
  if (typeof fetchOption !== "function") throw fail("no global fetch: pass the fetch option.");
  const fetchRange: PwnedFetch = fetchOption;
  const now = options.now ?? Date.now;
  const cache: PrefixCache | undefined =
    options.cache === false
      ? undefined
      : createPrefixCache({
          maxEntries: positive(options.cache?.maxEntries, "cache.maxEntries", 100, true),
          ttlMs: positive(options.cache?.ttlMs, "cache.ttlMs", 3_600_000),
          now,
        });
  const inflight = new Map<string, Promise<ReadonlySet<string>>>();
  const slots = createLookupSlots(positive(options.maxConcurrentLookups, "maxConcurrentLookups", 8, true));

  async function lookup(prefix: string): Promise<ReadonlySet<string>> {
    const signal = AbortSignal.timeout(timeoutMs);
    const request = (async () => {
      const release = await slots.acquire(signal);
      try {
        const response = await fetchRange(`${baseUrl}/range/${prefix}`, {
          method: "GET",
          headers: { "Add-Padding": "true" },
          signal,
        });
        if (!response.ok) {
          await response.body
            ?.getReader()
            .cancel()
            .catch(() => undefined);
          throw new PwnedPasswordsError(`The Pwned Passwords API answered HTTP ${response.status}.`);
        }
        return parseRange(await readBounded(response, MAX_RANGE_CHARS), minCount);
      } finally {
        release();
      }
    })();
    try {
      const suffixes = await raceAbort(request, signal);
      cache?.set(prefix, suffixes);
      return suffixes;
    } catch (error) {
      if (error instanceof PwnedPasswordsError) throw error;
      const reason = signal.aborted ? "timed out" : "failed";
      throw new PwnedPasswordsError(`The Pwned Passwords lookup ${reason}.`, { cause: error });
    }
  }

  function suffixesFor(prefix: string): Promise<ReadonlySet<string>> {
    const cached = cache?.get(prefix);
    if (cached !== undefined) return Promise.resolve(cached);
    let pending = inflight.get(prefix);
    if (pending === undefined) {
      pending = lookup(prefix).finally(() => inflight.delete(prefix));
      inflight.set(prefix, pending);
    }
    return pending;
  }

  return {
    async isBreached(password) {
      const hash = await sha1Hex(password);
      try {
        return (await suffixesFor(hash.slice(0, 5))).has(hash.slice(5));
      } catch (error) {
        if (failure === "closed") throw error;
        try {
          options.onError?.(error);
        } catch {
          // A failing reporter must not fail the signup it was meant to keep working.
        }
        return false;
      }
    },
  };
}
