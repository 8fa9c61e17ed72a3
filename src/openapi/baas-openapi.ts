import { BAAS_FIELDS } from "../http/baas/baas-wire.js";
import type { FieldNamer } from "../policies/input-schema.js";
import { documentFrame, jsonResponse, normalBase, ref, tokenRoute } from "./common.js";
import type { OpenApiDocument, OpenApiOptions } from "./openapi-types.js";

const WIRE_NAME: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(BAAS_FIELDS).map(([wire, model]) => [model, wire]),
);
const wireName: FieldNamer = (field) => WIRE_NAME[field] ?? field;

const ERROR_STATUS: Readonly<Record<number, string>> = {
  400: "Invalid parameters (every issue listed, in wire names), or a body that is not a JSON object.",
  401: "Missing or wrong `X-Application-Id` / `X-Application-Key`.",
  403: "The tenant allows signup with the master key only.",
  404: "The credentials are accepted but the tenant is not configured.",
  409: "A user with this email address, username or `_id` exists already.",
  413: "The body is larger than `maxBodyBytes`.",
  415: "The body is not `application/json`.",
  429: "Too many attempts: try again later.",
  500: "Unexpected failure (reported to `onError`).",
  503: "Store, hasher or mailer unavailable, or too many signups at once: try again later.",
};

const SCHEMAS = {
  BaasError: {
    type: "object",
    required: ["error"],
    properties: { error: { type: "string" } },
    additionalProperties: false,
  },
  BaasUser: {
    type: "object",
    required: [
      "_id",
      "options",
      "createdAt",
      "updatedAt",
      "etag",
      "federated",
      "clientCertUser",
      "primaryLinkedUserId",
      "enabled",
    ],
    properties: {
      _id: { type: "string" },
      username: { type: "string" },
      email: { type: "string" },
      options: { type: "object" },
      createdAt: { type: "string", format: "date-time" },
      updatedAt: { type: "string", format: "date-time" },
      etag: { type: "string" },
      federated: { const: false },
      clientCertUser: { type: "boolean" },
      primaryLinkedUserId: { type: "null" },
      enabled: { type: "boolean" },
    },
    additionalProperties: false,
  },
};

const HEADERS = [
  { name: "X-Application-Id", in: "header", required: true, schema: { type: "string", minLength: 1 } },
  {
    name: "X-Application-Key",
    in: "header",
    required: true,
    description: "The application key, or the master key (may set `_id`, bypasses the anonymous-create ACL).",
    schema: { type: "string", minLength: 1 },
  },
];

/**
 * The OpenAPI 3.1 document of a NEC BaaS handler (`createBaasHandler`): for each tenant, `POST /1/{tenantId}/users`
 * with the body its policy accepts and every answer (200 user or `{}`, each error status with its `{"error"}`
 * body), and the confirmation link `GET|POST /1/{tenantId}/users/confirm`.
 *
 * @example
 * import { baasOpenApi } from "signupkit/openapi";
 *
 * const tenants = { "tenant-1": { policy: baasPolicy({ minLength: 10 }) } };
 * const service = createSignupService({ store, tenants });
 * const document = baasOpenApi({ tenants });
 * const handler = createBaasHandler(service, { apps, openapi: document }); // GET /openapi.json serves it
 */
export function baasOpenApi(options: OpenApiOptions): OpenApiDocument {
  const base = normalBase(options);
  const paths: OpenApiDocument["paths"] = {};
  for (const [tenant, settings] of Object.entries(options.tenants)) {
    const pending = settings.mail?.confirmation === true;
    const body = settings.policy.describe?.(wireName) ?? { type: "object" };
    const responses: Record<string, unknown> = {
      "200": jsonResponse(
        pending ? "Accepted: a confirmation link was mailed; nothing exists yet." : "The new user.",
        pending ? ref("schemas", "EmptyObject") : ref("schemas", "BaasUser"),
      ),
    };
    for (const [status, text] of Object.entries(ERROR_STATUS)) {
      responses[status] = jsonResponse(text, ref("schemas", "BaasError"), Number(status));
    }
    const prefix = `${base}/1/${encodeURIComponent(tenant)}/users`;
    paths[prefix] = {
      post: {
        summary: `Sign up a user in tenant ${tenant}`,
        operationId: `signup_${tenant}`,
        tags: [tenant],
        parameters: HEADERS,
        requestBody: { required: true, content: { "application/json": { schema: body } } },
        responses,
      },
    };
    paths[`${prefix}/confirm`] = tokenRoute("Confirm a signup", [tenant], []);
  }
  return documentFrame(options, "NEC BaaS user signup", paths, SCHEMAS);
}
