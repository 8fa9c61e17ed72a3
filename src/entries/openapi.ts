/**
 * `signupkit/openapi`: OpenAPI 3.1 documents of the two HTTP dialects, built from the tenants' actual policies
 * (lengths, patterns, required fields), every status with its error body, and the mailed-link routes.
 *
 * - {@link baasOpenApi}: NEC BaaS `POST /1/{tenantId}/users` and `GET|POST /1/{tenantId}/users/confirm`.
 * - {@link auth0OpenApi}: Auth0 `POST /dbconnections/signup` and `GET|POST /dbconnections/verify`.
 *
 * Serve a document from the handler with its `openapi` option (`GET {basePath}/openapi.json`).
 *
 * @example
 * import { baasOpenApi } from "signupkit/openapi";
 *
 * const document = baasOpenApi({ tenants: { "tenant-1": { policy: baasPolicy() } } });
 * console.log(JSON.stringify(document, null, 2));
 *
 * @module
 */
export { type Auth0OpenApiOptions, auth0OpenApi } from "../openapi/auth0-openapi.js";
export { baasOpenApi } from "../openapi/baas-openapi.js";
export type { OpenApiDocument, OpenApiOptions } from "../openapi/openapi-types.js";
export type { FieldNamer, JsonSchema } from "../policies/input-schema.js";
