import type { LogEvent } from "signupkit";
import { describe, expect, it } from "vitest";
import { createOtel, observedService, tokenOf } from "./setup.js";

const PASSWORDS = ["Qv7-first-SECRET-pass", "Wrong-Zx9-SECRET-guess", "Jk3-third-SECRET-pass"];
const ADDRESSES = [
  "qlocal-alpha@mail-one.example",
  "qlocal-beta@mail-two.example",
  "qlocal-gamma@mail-three.example",
];

async function digestOf(raw: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(raw)));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

/** Runs every operation and outcome once; returns all it emitted and every secret that passed through. */
async function everything(observeAddresses: boolean) {
  const otel = createOtel();
  const logs: LogEvent[] = [];
  const { service, mailer, store } = observedService({
    telemetry: otel.telemetry,
    logger: (event) => logs.push(event),
    observeAddresses,
  });
  const [a, b, c] = ADDRESSES as [string, string, string];
  const [p1, wrong, p3] = PASSWORDS as [string, string, string];
  const quiet = (promise: Promise<unknown>) => promise.catch(() => undefined);
  await service.signup({ email: a, password: p1 }, { tenant: "plain", meta: { requestId: "req-1" } });
  await quiet(service.signup({ email: a, password: p1 }, { tenant: "plain" })); // conflict
  await quiet(service.signup({ email: b, password: "short", [c]: p3 }, { tenant: "plain" })); // rejected: values in a key
  await quiet(service.signup({ email: b, password: p1 }, { tenant: b })); // a tenant id that is an address
  await service.signup({ email: b, password: p3 }, { tenant: "confirming" });
  await quiet(service.resendConfirmation({ tenant: "confirming", password: p3 }, b)); // 429: too soon
  const confirmToken = tokenOf(mailer.messages.at(-1));
  await service.confirm(confirmToken, { tenant: "confirming", password: p3 });
  await quiet(service.confirm(confirmToken, { tenant: "confirming", password: p3 }));
  await service.signup({ email: c, password: p3 }, { tenant: "a0" });
  const verifyToken = tokenOf(mailer.messages.at(-1));
  await quiet(service.resendVerification({ tenant: "a0" }, c));
  await service.verifyCredentials({ tenant: "a0", email: c, password: p3 });
  await service.verifyEmail(verifyToken, { tenant: "a0", password: p3 });
  await service.verifyCredentials({ tenant: "plain", email: a, password: p1 });
  await service.verifyCredentials({ tenant: "plain", email: a, password: wrong });
  await service.verifyCredentials({
    tenant: "plain",
    email: "qlocal-nobody@mail-four.example",
    password: wrong,
  });

  const hashes: string[] = [];
  for (const address of ADDRESSES) {
    for (const tenant of ["plain", "confirming", "a0"]) {
      const hash = (await store.findUserByEmail(tenant, address))?.passwordHash;
      if (hash !== undefined) hashes.push(hash, hash.slice(7)); // the whole hash, and its salt-and-digest part
    }
  }
  const tokens = [confirmToken, verifyToken];
  for (const raw of [...tokens]) tokens.push(await digestOf(raw));
  const emitted = JSON.stringify({
    logs,
    spans: otel.finishedSpans().map((span) => ({
      name: span.name,
      attributes: span.attributes,
      events: span.events,
      status: span.status,
      links: span.links,
    })),
    metrics: await otel.metrics(),
  });
  await otel.shutdown();
  return { emitted, hashes, tokens, logs };
}

describe("logs, spans and metrics carry no secret", () => {
  it("no password, hash, token (raw or digest) or address, in any event, span or metric", async () => {
    const { emitted, hashes, tokens, logs } = await everything(false);
    expect(hashes.length).toBeGreaterThanOrEqual(6);
    expect(logs.length).toBe(15);
    const secrets = [
      ...PASSWORDS,
      ...hashes,
      ...tokens,
      ...ADDRESSES,
      "qlocal",
      "mail-one",
      "mail-two",
      "mail-three",
    ];
    for (const secret of secrets) expect(emitted, `emitted output contains ${secret}`).not.toContain(secret);
    expect(emitted).toContain("signup.created"); // the scan looked at something real
    expect(emitted).toContain("signupkit store.insertUser");
  });

  it("with observeAddresses, the addresses appear, and still no password, hash or token", async () => {
    const { emitted, hashes, tokens, logs } = await everything(true);
    for (const secret of [...PASSWORDS, ...hashes, ...tokens]) expect(emitted).not.toContain(secret);
    for (const address of ADDRESSES) expect(emitted).toContain(address);
    expect(logs[0]?.email).toBe(ADDRESSES[0]);
    // An address given as a tenant id is not a configured tenant: it is never echoed.
    expect(logs[3]).not.toHaveProperty("tenant");
  });
});
