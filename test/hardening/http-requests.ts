import fc from "fast-check";
import { emailArb, hostileObjectArb, nearValidInputArb, passwordArb, usernameArb } from "./arbitraries.js";

/** Arbitrary HTTP requests for both handlers (see http-properties.ts): well-formed signups and garbage. */

/** The Auth0 connection both the service and the requests use. */
export const CONNECTION = "Username-Password-Authentication";
/** A token-shaped value that belongs to nobody. */
const TOKEN = "A".repeat(43);

/** One request, as data (so fast-check can print and shrink it). */
export interface RequestSpec {
  dialect: "baas" | "auth0";
  method: string;
  path: string;
  headers: [string, string][];
  body: string | Uint8Array | undefined;
}

const printable = fc.string({ unit: "binary-ascii", maxLength: 40 }).filter((s) => /^[\x20-\x7e]*$/.test(s));
const BAAS_WIRE = {
  _id: fc.constantFrom("u1", "u2"),
  username: usernameArb,
  email: emailArb,
  password: passwordArb,
  options: hostileObjectArb,
  clientCertUser: fc.boolean(),
};
const AUTH0_WIRE = {
  client_id: fc.oneof(
    { weight: 5, arbitrary: fc.constant("client-1") },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
  ),
  connection: fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(CONNECTION, "plain") },
    { weight: 1, arbitrary: fc.constantFrom("t1", "nope", "") },
  ),
  email: emailArb,
  password: passwordArb,
  username: usernameArb,
  given_name: fc.string({ maxLength: 20 }),
  phone_number: fc.constantFrom("+81312345678", "12"),
  user_metadata: hostileObjectArb,
};

function jsonBody(fields: Record<string, fc.Arbitrary<unknown>>, required: string[]): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.record(fields, { requiredKeys: required as never[] }),
      fc.array(fc.tuple(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 })), { maxLength: 2 }),
    )
    .map(([record, extra]) => {
      // JSON text keeps a `__proto__` key as an own property once parsed, unlike an object literal.
      const parts = [...Object.entries(record), ...extra].map(
        ([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? "null"}`,
      );
      return `{${parts.join(",")}}`;
    });
}

const bodyArb = (dialect: RequestSpec["dialect"]): fc.Arbitrary<string | Uint8Array> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary:
        dialect === "baas"
          ? jsonBody(BAAS_WIRE, ["email", "password"])
          : jsonBody(AUTH0_WIRE, ["client_id", "connection", "email", "password"]),
    },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 60 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        `token=${TOKEN}`,
        "token=short",
        `{"a":"${"x".repeat(70_000)}"}`,
        "\uFEFF{}",
        '{"__proto__":{"x":1}}',
      ),
    },
  );

const BAAS_PATHS = [
  "/1/t1/users",
  "/1/t2/users",
  "/1/nope/users",
  "/1/ghost/users",
  "/1/t1/users/confirm",
  `/1/t1/users/confirm?token=${TOKEN}`,
  "/1/%E0%A4%A/users",
  "/1//users",
  "/1/t1/users/x/y",
  "/",
  "/1/t1/users?x=1",
];
const AUTH0_PATHS = [
  "/dbconnections/signup",
  `/dbconnections/verify?connection=${CONNECTION}&token=${TOKEN}`,
  "/dbconnections/verify",
  "/dbconnections",
  "/dbconnections/signup/x",
  "/%ZZ",
  "/dbconnections/signup?x=%",
];

const headerArb = (dialect: RequestSpec["dialect"]): fc.Arbitrary<[string, string][]> => {
  const contentType = fc.constantFrom(
    "application/json",
    "application/json; charset=utf-8",
    "application/json; charset=latin1",
    "APPLICATION/JSON",
    "text/plain",
    "application/x-www-form-urlencoded",
    "",
  );
  const header = (name: string, values: string[]): fc.Arbitrary<[string, string] | undefined> =>
    fc.option(
      fc.oneof(fc.constantFrom(...values), printable).map((value): [string, string] => [name, value]),
      { freq: 5, nil: undefined },
    );
  const own =
    dialect === "baas"
      ? [
          header("x-application-id", ["app-1", "app-2", "app-3"]),
          header("x-application-key", ["key-1", "key-2", "master-1", "key-3"]),
        ]
      : [];
  const extra = fc.array(
    fc
      .tuple(fc.constantFrom("x-forwarded-for", "accept", "x-junk"), printable)
      .map((pair): [string, string] => pair),
    { maxLength: 2 },
  );
  return fc
    .tuple(fc.option(contentType, { nil: undefined }), fc.tuple(...own), extra)
    .map(([type, credentials, more]) => {
      const pairs = credentials.filter((pair): pair is [string, string] => pair !== undefined);
      if (type !== undefined) pairs.push(["content-type", type]);
      return [...pairs, ...more];
    });
};

/** Model field → wire field of each dialect, for near-valid bodies. */
const TO_WIRE: Record<RequestSpec["dialect"], Record<string, string>> = {
  baas: { id: "_id", metadata: "options" },
  auth0: { givenName: "given_name", phoneNumber: "phone_number", metadata: "user_metadata" },
};

/** A well-formed signup: right method, path, content type and credentials, and a near-valid body. */
const goodRequestArb = (dialect: RequestSpec["dialect"]): fc.Arbitrary<RequestSpec> =>
  fc
    .tuple(
      dialect === "baas"
        ? nearValidInputArb("baas")
        : fc.constantFrom(CONNECTION, "plain").chain((c) =>
            nearValidInputArb("auth0", c === "plain").map((input) => ({
              ...(input as object),
              client_id: "client-1",
              connection: c,
            })),
          ),
      fc.constantFrom("t1", "t2"),
      fc.constantFrom(["app-1", "key-1"], ["app-1", "master-1"], ["app-2", "key-2"]),
      fc.nat(29),
    )
    .map(([input, tenant, [appId, appKey], dice]) => {
      const body: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(input as object)) body[TO_WIRE[dialect][key] ?? key] = value;
      const headers: [string, string][] = [["content-type", "application/json"]];
      if (dialect === "baas")
        headers.push(["x-application-id", appId as string], ["x-application-key", appKey as string]);
      const appTenant = appId === "app-2" ? "t2" : tenant === "t2" ? "t1" : tenant;
      return {
        dialect,
        method: "POST",
        path: dialect === "baas" ? `/1/${appTenant}/users` : "/dbconnections/signup",
        headers,
        // Now and then a body over the 64 KiB limit.
        body: dice === 0 ? JSON.stringify({ ...body, padding: "x".repeat(70_000) }) : JSON.stringify(body),
      };
    });

/** Any request to either handler, biased towards well-formed signups so that every status is reached. */
export const requestArb: fc.Arbitrary<RequestSpec> = fc
  .constantFrom("baas" as const, "auth0" as const)
  .chain((dialect) =>
    fc.oneof(
      { weight: 1, arbitrary: goodRequestArb(dialect) },
      {
        weight: 1,
        arbitrary: fc.record({
          dialect: fc.constant(dialect),
          method: fc.oneof(
            { weight: 8, arbitrary: fc.constant("POST") },
            { weight: 2, arbitrary: fc.constantFrom("GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS") },
          ),
          path: fc.oneof(
            {
              weight: 3,
              arbitrary: fc.constantFrom(
                ...(dialect === "baas" ? BAAS_PATHS.slice(0, 3) : AUTH0_PATHS.slice(0, 1)),
              ),
            },
            { weight: 2, arbitrary: fc.constantFrom(...(dialect === "baas" ? BAAS_PATHS : AUTH0_PATHS)) },
            { weight: 1, arbitrary: fc.webPath() },
          ),
          headers: headerArb(dialect),
          body: bodyArb(dialect).map((body) => body as string | Uint8Array | undefined),
        }),
      },
    ),
  );
