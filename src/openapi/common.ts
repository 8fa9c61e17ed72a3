import type { OpenApiDocument, OpenApiOptions } from "./openapi-types.js";

type Json = Record<string, unknown>;

/** A `$ref` to `#/components/{group}/{name}`. */
export function ref(group: string, name: string): Json {
  return { $ref: `#/components/${group}/${name}` };
}

/** A JSON response of `schema`, with the `Retry-After` header on 429 and 503. */
export function jsonResponse(description: string, schema: Json, status?: number): Json {
  const response: Json = { description, content: { "application/json": { schema } } };
  if (status === 429 || status === 503) response.headers = { "Retry-After": ref("headers", "RetryAfter") };
  return response;
}

/** What each HTML page status means on a mailed-link route. */
const PAGE_STATUS: Readonly<Record<number, string>> = {
  200: "A page: the form (GET) or the outcome (POST).",
  303: "Redirect to the host's own page, carrying the outcome (when the handler's `pages.redirect` is set).",
  400: "The link is invalid, already used or expired.",
  409: "An account with this address or username exists already.",
  413: "The form is too large.",
  415: "The form is not `application/x-www-form-urlencoded`.",
  429: "Too soon: try again later.",
  500: "Unexpected failure (reported to `onError`).",
  503: "Store, hasher or mailer unavailable: try again later.",
};

/** The responses of a mailed-link route: HTML pages (or a redirect). */
export function pageResponses(statuses: readonly number[]): Json {
  const responses: Json = {};
  for (const status of statuses) {
    const response: Json = { description: PAGE_STATUS[status] ?? "A page." };
    if (status === 303) response.headers = { Location: { schema: { type: "string" }, required: true } };
    else response.content = { "text/html": { schema: { type: "string" } } };
    if (status === 429 || status === 503) {
      response.headers = { "Retry-After": ref("headers", "RetryAfter") };
    }
    responses[String(status)] = response;
  }
  return responses;
}

/** The GET (form page) and POST (redeem) operations of a mailed-link route. */
export function tokenRoute(summary: string, tags: string[], extraParameters: Json[]): Json {
  const token = {
    name: "token",
    in: "query",
    required: true,
    description: "The token of the mailed link.",
    schema: { type: "string" },
  };
  return {
    get: {
      summary: `${summary}: the page of the mailed link (consumes nothing)`,
      tags,
      parameters: [...extraParameters, token],
      responses: pageResponses([200, 303, 400]),
    },
    post: {
      summary: `${summary}: redeems the token`,
      tags,
      parameters: extraParameters,
      requestBody: {
        required: true,
        content: {
          "application/x-www-form-urlencoded": {
            schema: {
              type: "object",
              required: ["token"],
              properties: { token: { type: "string" } },
            },
          },
        },
      },
      responses: pageResponses([200, 303, 400, 409, 413, 415, 429, 500, 503]),
    },
  };
}

/** The components every document has, plus `schemas` of the dialect. */
export function components(schemas: Json): OpenApiDocument["components"] {
  return {
    schemas: { EmptyObject: { type: "object", additionalProperties: false, maxProperties: 0 }, ...schemas },
    headers: {
      RetryAfter: {
        description: "Seconds to wait before trying again.",
        schema: { type: "string", pattern: "^[0-9]+$" },
      },
    },
  };
}

/** The document's frame: version, info, servers, and the optional `openapi.json` route. */
export function documentFrame(
  options: OpenApiOptions,
  defaultTitle: string,
  paths: OpenApiDocument["paths"],
  schemas: Json,
): OpenApiDocument {
  const basePath = (options.basePath ?? "").replace(/\/+$/, "");
  const document: OpenApiDocument = {
    openapi: "3.1.0",
    info: { title: options.title ?? defaultTitle, version: options.version ?? "1.0.0" },
    paths: { ...paths },
    components: components(schemas),
  };
  if (options.serverUrl !== undefined) document.servers = [{ url: options.serverUrl }];
  if (options.documentRoute === true) {
    document.paths[`${basePath}/openapi.json`] = {
      get: {
        summary: "This document",
        responses: { "200": jsonResponse("The OpenAPI document.", { type: "object" }) },
      },
    };
  }
  return document;
}

/** `basePath` without trailing slashes. */
export function normalBase(options: OpenApiOptions): string {
  return (options.basePath ?? "").replace(/\/+$/, "");
}
