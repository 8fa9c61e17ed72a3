/**
 * `npm start`: both signup dialects on one node:http server, with demo tenants, credentials and a console mailer.
 *
 *   npm start                 # http://127.0.0.1:3000
 *   PORT=0 npm start          # a free port; the ready line shows which
 *
 * Tenants:
 * - NEC `demo`: confirmation mail on (signup answers {} and mails a link; the link completes it)
 * - NEC `demo-direct`: no mail (signup answers the user)
 * - Auth0 connection `Username-Password-Authentication`: verification mail on
 *
 * Data lives in embedded PostgreSQL (PGlite) under ./.data/demo (DEMO_DATA_DIR overrides), so users survive a restart.
 * The application and master keys are made once and kept there too (demo-keys.json), so yesterday's curl lines still
 * work; DEMO_APP_KEY and DEMO_MASTER_KEY override them.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { auth0Policy, baasPolicy, createSignupService, type UserStore } from "signupkit";
import { createAuth0Handler, createBaasHandler } from "signupkit/http";
import { toNodeListener } from "signupkit/node";
import { createPostgresStore } from "signupkit/postgres";
import { createConsoleMailer } from "./console-mailer.js";

const HOST = "127.0.0.1";
const port = Number(process.env.PORT ?? 3000);
const APP_ID = "demo-app";
const CLIENT_ID = "demo-client";
const CONNECTION = "Username-Password-Authentication";

type FetchHandler = (request: Request) => Promise<Response>;

const dataDir = process.env.DEMO_DATA_DIR ?? ".data/demo";
mkdirSync(dataDir, { recursive: true });

/** The demo's keys: made on the first start and kept in the data folder (readable by its owner only). */
function demoKeys(): { appKey: string; masterKey: string } {
  const file = join(dataDir, "demo-keys.json");
  if (!existsSync(file)) {
    const keys = {
      appKey: randomBytes(12).toString("base64url"),
      masterKey: randomBytes(12).toString("base64url"),
    };
    writeFileSync(file, `${JSON.stringify(keys)}\n`, { mode: 0o600 });
  }
  const saved = JSON.parse(readFileSync(file, "utf8")) as { appKey: string; masterKey: string };
  return {
    appKey: process.env.DEMO_APP_KEY ?? saved.appKey,
    masterKey: process.env.DEMO_MASTER_KEY ?? saved.masterKey,
  };
}
const { appKey: APP_KEY, masterKey: MASTER_KEY } = demoKeys();
const db = await PGlite.create(dataDir);
const store = createPostgresStore(db);
await store.migrate();

function createDemoHandler(base: string, store: UserStore): FetchHandler {
  const service = createSignupService({
    store,
    mailer: createConsoleMailer(),
    // No hasher given: the default bcrypt (cost 10), as in production.
    tenants: {
      demo: {
        policy: baasPolicy(),
        displayName: "Demo tenant",
        appName: "signupkit demo",
        mail: { confirmation: true, confirmationUrl: `${base}/1/demo/users/confirm` },
      },
      "demo-direct": { policy: baasPolicy(), displayName: "Demo tenant (no mail)" },
      [CONNECTION]: {
        policy: auth0Policy(),
        displayName: "signupkit demo",
        mail: {
          verification: true,
          verificationUrl: `${base}/dbconnections/verify?connection=${CONNECTION}`,
        },
      },
    },
    logger: (event) => console.log(`[event] ${event.event}${event.tenant ? ` tenant=${event.tenant}` : ""}`),
  });
  const app = { appId: APP_ID, appKey: APP_KEY, masterKey: MASTER_KEY };
  const baas = createBaasHandler(service, {
    apps: [
      { tenant: "demo", ...app },
      { tenant: "demo-direct", ...app },
    ],
  });
  const auth0 = createAuth0Handler(service, { clients: { [CLIENT_ID]: { connections: [CONNECTION] } } });
  return (request) =>
    new URL(request.url).pathname.startsWith("/dbconnections/") ? auth0(request) : baas(request);
}

function printGuide(base: string): void {
  const json = "-H 'Content-Type: application/json'";
  const nec = `-H 'X-Application-Id: ${APP_ID}' -H 'X-Application-Key: ${APP_KEY}'`;
  const lines = [
    "",
    "NEC BaaS tenants: demo (confirmation mail), demo-direct (no mail)",
    `  X-Application-Id:  ${APP_ID}`,
    `  X-Application-Key: ${APP_KEY}`,
    `  master key:        ${MASTER_KEY}`,
    `Auth0: client_id ${CLIENT_ID}, connection ${CONNECTION} (verification mail)`,
    "",
    "1. NEC signup, no mail (200 with the user):",
    `  curl -i ${base}/1/demo-direct/users ${json} ${nec} -d '{"email":"taro@example.com","password":"Passw0rd","options":{"displayName":"Taro"}}'`,
    "2. NEC signup with the master key and your own _id:",
    `  curl -i ${base}/1/demo-direct/users ${json} -H 'X-Application-Id: ${APP_ID}' -H 'X-Application-Key: ${MASTER_KEY}' -d '{"_id":"user-0001","email":"jiro@example.com","password":"Passw0rd"}'`,
    "3. NEC signup with confirmation (200 {}; the [mail] line shows the link: open it in a browser, press the button):",
    `  curl -i ${base}/1/demo/users ${json} ${nec} -d '{"email":"hanako@example.com","password":"Passw0rd"}'`,
    "   or confirm from the shell with the token of the link:",
    `  curl -i ${base}/1/demo/users/confirm --data-urlencode token=<token>`,
    "4. Auth0 signup (200; the [mail] line shows the verification link):",
    `  curl -i ${base}/dbconnections/signup ${json} -d '{"client_id":"${CLIENT_ID}","connection":"${CONNECTION}","email":"ann@example.com","password":"Xy9!kL2#pQ","given_name":"Ann"}'`,
    `  curl -i '${base}/dbconnections/verify?connection=${CONNECTION}' --data-urlencode token=<token>`,
    "Repeat any signup to see 409; drop a header or field to see 401/400.",
    "",
  ];
  console.log(lines.join("\n"));
}

let handler: FetchHandler = async () => new Response("starting", { status: 503 });
const server = createServer(toNodeListener((request) => handler(request)));

server.listen(port, HOST, () => {
  const base = `http://${HOST}:${(server.address() as AddressInfo).port}`;
  handler = createDemoHandler(base, store);
  console.log(`signupkit demo listening on ${base}`);
  console.log(`data: ${dataDir} (PGlite users and the demo keys; delete the folder to start over)`);
  printGuide(base);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void db.close();
  });
}
