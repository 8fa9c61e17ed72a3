import type { CommonSettings } from "./handler-options.js";
import { requireMethod } from "./http-problem.js";
import { JSON_CONTENT_TYPE } from "./responses.js";

/**
 * Answers `GET {basePath}/openapi.json` with the handler's `openapi` document; `undefined` for any other path or
 * when no document was given. Another method on that path throws the 405 problem.
 */
export function openApiRoute(request: Request, url: URL, common: CommonSettings): Response | undefined {
  if (common.openapi === undefined || url.pathname !== `${common.basePath}/openapi.json`) return undefined;
  requireMethod(request.method, ["GET"]);
  return new Response(common.openapi, {
    status: 200,
    headers: { "Content-Type": JSON_CONTENT_TYPE, "X-Content-Type-Options": "nosniff" },
  });
}
