import { AUTH0_FIELDS } from "../http/auth0/auth0-wire.js";
import type { FieldNamer, JsonSchema } from "../policies/input-schema.js";
import { documentFrame, jsonResponse, normalBase, ref, tokenRoute } from "./common.js";
import type { OpenApiDocument, OpenApiOptions } from "./openapi-types.js";

const WIRE_NAME: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(AUTH0_FIELDS).map(([wire, model]) => [model, wire]),
);
const wireName: FieldNamer = (field) => WIRE_NAME[field] ?? field;

/** Options of {@link auth0OpenApi}. */
export interface Auth0OpenApiOptions extends OpenApiOptions {
  /** The handler's `clients`: which `client_id` may sign up to which connection. */
  clients: Readonly<
    Record<
      string,
      {
        /** The connections this client may sign users up to. */
        connections: readonly string[];
      }
    >
  >;
}

const ERROR_STATUS: Readonly<Record<number, string>> = {
  400: "`invalid_signup` (a missing or invalid parameter, an unknown client or connection, a body that is not a JSON object) or `invalid_password` (PasswordStrengthError, PasswordDictionaryError, PasswordNoUserInfoError, PasswordBreachedError).",
  403: "The connection allows no public signup.",
  409: "`user_exists`.",
  413: "The body is larger than `maxBodyBytes`.",
  415: "The body is not `application/json`.",
  429: "Too many attempts: try again later.",
  500: "Unexpected failure (reported to `onError`).",
  503: "`temporarily_unavailable`: store, hasher or mailer unavailable, or too many signups at once.",
};

const SCHEMAS = {
  Auth0Error: {
    type: "object",
    required: ["name", "code", "description", "statusCode"],
    properties: {
      name: { type: "string" },
      code: { type: "string" },
      description: {
        oneOf: [
          { type: "string" },
          { type: "object", required: ["rules"], properties: { rules: { type: "array" } } },
        ],
      },
      statusCode: { type: "integer" },
      message: { type: "string" },
      policy: { type: "string" },
    },
    additionalProperties: false,
  },
  Auth0User: {
    type: "object",
    required: ["_id", "email_verified"],
    properties: {
      _id: { type: "string" },
      email_verified: { type: "boolean" },
      email: { type: "string" },
      username: { type: "string" },
      given_name: { type: "string" },
      family_name: { type: "string" },
      name: { type: "string" },
      nickname: { type: "string" },
      picture: { type: "string" },
      phone_number: { type: "string" },
      phone_verified: { type: "boolean" },
      user_metadata: { type: "object" },
    },
    additionalProperties: false,
  },
};

/** One connection's body: its policy's fields plus `client_id` (its clients) and `connection` (its name). */
function connectionBody(connection: string, clients: string[], policyBody: JsonSchema): JsonSchema {
  const properties = (policyBody.properties ?? {}) as Record<string, JsonSchema>;
  const required = (policyBody.required ?? []) as string[];
  return {
    ...policyBody,
    type: "object",
    properties: { client_id: { enum: clients }, connection: { const: connection }, ...properties },
    required: ["client_id", "connection", ...required],
  };
}

/**
 * The OpenAPI 3.1 document of an Auth0 handler (`createAuth0Handler`): `POST /dbconnections/signup` with one body
 * per connection (`client_id`, `connection` and the fields its policy accepts), every answer (200 user or `{}`,
 * each error status with its `{name, code, description, statusCode}` body), and the verification link
 * `GET|POST /dbconnections/verify`.
 *
 * @example
 * import { auth0OpenApi } from "signupkit/openapi";
 *
 * const clients = { "my-client-id": { connections: ["Username-Password-Authentication"] } };
 * const document = auth0OpenApi({ tenants, clients });
 * const handler = createAuth0Handler(service, { clients, openapi: document });
 */
export function auth0OpenApi(options: Auth0OpenApiOptions): OpenApiDocument {
  const base = normalBase(options);
  const bodies: JsonSchema[] = [];
  const connections: string[] = [];
  let pending = false;
  for (const [connection, settings] of Object.entries(options.tenants)) {
    const clients = Object.keys(options.clients).filter((id) =>
      options.clients[id]?.connections.includes(connection),
    );
    if (clients.length === 0) continue;
    connections.push(connection);
    if (settings.mail?.confirmation === true) pending = true;
    bodies.push(connectionBody(connection, clients, settings.policy.describe?.(wireName) ?? {}));
  }
  const user = ref("schemas", "Auth0User");
  const responses: Record<string, unknown> = {
    "200": jsonResponse(
      "The new user (`{}` for a connection that mails a confirmation link first).",
      pending ? { oneOf: [user, ref("schemas", "EmptyObject")] } : user,
    ),
  };
  for (const [status, text] of Object.entries(ERROR_STATUS)) {
    const schema = {
      allOf: [ref("schemas", "Auth0Error")],
      properties: { statusCode: { const: Number(status) } },
    };
    responses[status] = jsonResponse(text, schema, Number(status));
  }
  const connection = {
    name: "connection",
    in: "query",
    required: true,
    schema: { type: "string", enum: connections },
  };
  const paths: OpenApiDocument["paths"] = {
    [`${base}/dbconnections/signup`]: {
      post: {
        summary: "Sign up a user to a database connection",
        operationId: "signup",
        requestBody: {
          required: true,
          content: { "application/json": { schema: bodies.length === 1 ? bodies[0] : { oneOf: bodies } } },
        },
        responses,
      },
    },
    [`${base}/dbconnections/verify`]: tokenRoute("Verify an email address", [], [connection]),
  };
  return documentFrame(options, "Auth0 database-connection signup", paths, SCHEMAS);
}
