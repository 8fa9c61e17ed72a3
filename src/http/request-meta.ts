import type { CommonHandlerOptions } from "./handler-options.js";

/**
 * The property under which a server adapter (`signupkit/node`) leaves per-request values (client address, the
 * node request) for the hooks' `SignupContext.meta`. A registered symbol, so the ESM and CommonJS builds of the
 * library, or two copies of it, agree on it.
 */
export const REQUEST_META: unique symbol = Symbol.for("signupkit.requestMeta");

/** Attaches values for the hooks' `meta` to a request before it is passed to a handler. */
export function attachRequestMeta(request: Request, meta: Readonly<Record<string, unknown>>): void {
  Object.defineProperty(request, REQUEST_META, { value: meta, configurable: true });
}

/**
 * The `meta` a signup from `request` carries: what an adapter attached, overlaid with the handler's own `meta`
 * option (whose keys win); `undefined` when neither has anything.
 */
export function signupMeta(
  request: Request,
  fromOptions: CommonHandlerOptions["meta"],
): Readonly<Record<string, unknown>> | undefined {
  const attached = (request as { [REQUEST_META]?: Readonly<Record<string, unknown>> })[REQUEST_META];
  const own = fromOptions?.(request);
  if (attached === undefined) return own;
  return own === undefined ? attached : { ...attached, ...own };
}
