/**
 * The scenario every runtime runs against the packed package: through the NEC BaaS handler and the Auth0 handler,
 * one signup and then the same signup again (409), with the default hasher. Written out as an ES module and as a
 * CommonJS module (see `moduleSource`), so it holds no import of its own: the runner passes the three entries in.
 */
export const SCENARIO = `async function runScenario({ signupkit, http, testing }) {
  const errors = [];
  const onError = (error) => {
    const cause = error && error.cause;
    errors.push(String(error && error.message) + (cause ? " | " + String(cause.message ?? cause) : ""));
  };
  const store = testing.createMemoryStore();
  const service = signupkit.createSignupService({
    store,
    onError,
    tenants: {
      t1: { policy: signupkit.baasPolicy() },
      "Username-Password-Authentication": { policy: signupkit.auth0Policy() },
    },
  });
  const app = { tenant: "t1", appId: "app-1", appKey: "key-1", masterKey: "master-1" };
  const baas = http.createBaasHandler(service, { apps: [app], onError });
  const auth0 = http.createAuth0Handler(service, {
    clients: { "client-1": { connections: ["Username-Password-Authentication"] } },
    onError,
  });
  const post = (handler, path, body, headers = {}) =>
    handler(
      new Request("http://127.0.0.1" + path, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      }),
    ).then(async (response) => ({ status: response.status, body: await response.text() }));
  const necBody = { email: "taro@example.com", password: "Passw0rd-12" };
  const necHeaders = { "X-Application-Id": app.appId, "X-Application-Key": app.appKey };
  const auth0Body = {
    client_id: "client-1",
    connection: "Username-Password-Authentication",
    email: "ann@example.com",
    password: "correct-Horse-9x",
  };
  const statuses = [];
  const bodies = [];
  for (const [handler, path, body, headers] of [
    [baas, "/1/t1/users", necBody, necHeaders],
    [baas, "/1/t1/users", necBody, necHeaders],
    [auth0, "/dbconnections/signup", auth0Body, {}],
    [auth0, "/dbconnections/signup", auth0Body, {}],
  ]) {
    const answer = await post(handler, path, body, headers);
    statuses.push(answer.status);
    bodies.push(answer.body);
  }
  const hashes = [];
  for (const tenant of ["t1", "Username-Password-Authentication"]) {
    const email = tenant === "t1" ? necBody.email : auth0Body.email;
    const found = await store.findUserByEmail(tenant, email);
    if (found) hashes.push(found.passwordHash.slice(0, found.passwordHash.indexOf("$", 1) + 1));
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { statuses, hashes, errors, bodies: statuses.some((s) => s >= 500) ? bodies : undefined };
}`;

/** The scenario as an ES module (`esm`) or a CommonJS module (`cjs`) exporting `run()`, which resolves its result. */
export function moduleSource(kind) {
  if (kind === "esm") {
    return `import * as signupkit from "signupkit";
import * as http from "signupkit/http";
import * as testing from "signupkit/testing";
${SCENARIO}
export const run = () => runScenario({ signupkit, http, testing });
`;
  }
  return `const signupkit = require("signupkit");
const http = require("signupkit/http");
const testing = require("signupkit/testing");
${SCENARIO}
module.exports = { run: () => runScenario({ signupkit, http, testing }) };
`;
}
