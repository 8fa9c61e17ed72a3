/**
 * A Next.js App Router route handler for both signup dialects. Put this file at
 * `app/[...signup]/route.ts` (or under a prefix, with the handlers' `basePath` set to it). Next.js passes a
 * standard `Request`, so the Fetch handlers are exported as they are; no adapter is needed.
 */
import { createExampleHandlers } from "../example-handlers.js";

const { baas, auth0 } = createExampleHandlers();

function route(request: Request): Promise<Response> {
  return new URL(request.url).pathname.startsWith("/dbconnections/") ? auth0(request) : baas(request);
}

/** Signups and the mailed links' confirm/verify buttons. */
export const POST = route;
/** The mailed links' pages. */
export const GET = route;
/** The default bcrypt hasher is a native module: run on Node.js, not the edge runtime. */
export const runtime = "nodejs";
