import { isSignupError } from "signupkit";
import { describe, expect, it } from "vitest";
import { EMAIL, expectUnavailable, type FaultFlow, FLOWS } from "./fault-flows.js";
import type { CallRecord, FaultMode } from "./faults.js";
import { auth0Tenant, MINUTE, makeWorld, PASSWORD, rejection, tokenOf, VERIFY, type World } from "./world.js";

/**
 * For every flow and every port call along it, makes exactly that call reject, throw or hang past the 50 ms port
 * timeout; then checks the answer (503 with the cause kept, or the documented absorbed outcome), that nothing
 * partial or orphaned was left, and that a retry succeeds once the fault is gone. The calls are discovered by a
 * fault-free run, so a change in the order of calls is followed automatically (and shown by the `order` test).
 * Compensating calls that only happen after a failure (deleting a claim, restoring a token) are failed too, on
 * top of the fault that caused them.
 */

const TIMEOUTS = { store: 50, mailer: 50, hasher: 50, breachedPasswords: 50 };
const MODES: FaultMode[] = ["reject", "throw", "hang"];

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

async function settle(promise: Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

async function prepared(flow: FaultFlow<never>): Promise<{ w: World; ctx: never }> {
  const options = flow.options;
  const w = makeWorld(flow.tenants(), (faults) => ({
    timeouts: TIMEOUTS,
    ...(typeof options === "function" ? options(faults) : options),
  }));
  const ctx = await flow.setup(w);
  w.faults.reset();
  return { w, ctx };
}

const label = (call: CallRecord) => `${call.port}.${call.method}`;

/** The calls of a fault-free run. */
async function cleanTrace(flow: FaultFlow<never>): Promise<CallRecord[]> {
  const { w, ctx } = await prepared(flow);
  await flow.run(w, ctx);
  return [...w.faults.trace];
}

/** The calls a run makes after `call` failed (compensations), by port and number. */
async function callsAfterFailure(flow: FaultFlow<never>, call: CallRecord): Promise<CallRecord[]> {
  const { w, ctx } = await prepared(flow);
  w.faults.inject(call.port, call.call, "reject");
  await settle(flow.run(w, ctx));
  const at = w.faults.trace.findIndex((record) => record.fault !== undefined);
  return w.faults.trace.slice(at + 1);
}

async function checkOutcome(flow: FaultFlow<never>, w: World, ctx: never, call: CallRecord, mode: FaultMode) {
  const outcome = await settle(flow.run(w, ctx));
  const absorbed = flow.absorbs?.(call) === true;
  if (absorbed) {
    expect(outcome.ok, outcome.ok ? "" : String(outcome.error)).toBe(true);
    if (outcome.ok) await flow.absorbed?.(w, ctx, outcome.value, call);
  } else {
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expectUnavailable(outcome.error, w, call, mode);
    await flow.unchanged(w, ctx);
  }
  return absorbed;
}

const plans = await Promise.all(
  FLOWS.map(async (flow) => {
    const clean = await cleanTrace(flow);
    const compensations = await Promise.all(
      clean.map(async (call) => ({ call, after: await callsAfterFailure(flow, call) })),
    );
    return { flow, clean, compensations: compensations.filter((c) => c.after.length > 0) };
  }),
);

for (const { flow, clean, compensations } of plans) {
  describe(flow.name, () => {
    it("calls the ports in the documented order", () => {
      expect(clean.map(label)).toEqual(flow.order);
    });

    for (const call of clean) {
      for (const mode of MODES) {
        it(`${label(call)} (call #${call.call} of the ${call.port}) ${mode === "hang" ? "hangs" : `${mode}s`}`, async () => {
          const { w, ctx } = await prepared(flow);
          w.faults.inject(call.port, call.call, mode);
          const absorbed = await checkOutcome(flow, w, ctx, call, mode);
          expect(w.errors.filter((e) => e.phase === "cleanup")).toEqual([]);
          w.faults.heal();
          await flow.retry(w, ctx, absorbed ? call : undefined);
        });
      }
    }

    for (const { call, after } of compensations) {
      for (const second of after) {
        it(`${label(call)} fails, then its compensation ${label(second)} fails too`, async () => {
          const { w, ctx } = await prepared(flow);
          w.faults.inject(call.port, call.call, "reject");
          w.faults.inject(second.port, second.call, "reject");
          const outcome = await settle(flow.run(w, ctx));
          if (flow.absorbs?.(call)) expect(outcome.ok).toBe(true);
          else if (!outcome.ok) expectUnavailable(outcome.error, w, call, "reject");
          else expect.fail("the operation succeeded");
          // The failed clean-up is reported, never thrown over the original failure.
          const cleanup = w.errors.filter((e) => e.phase === "cleanup");
          expect(cleanup).toHaveLength(1);
          expect((cleanup[0]?.error as Error | undefined)?.cause).toBe(w.faults.raised[1]);
          // What is left (an unsent claim or token) expires or is superseded: after one resend interval the
          // ordinary retry works.
          w.faults.heal();
          w.advance(MINUTE + 1);
          await flow.retry(w, ctx, flow.absorbs?.(call) ? call : undefined);
        });
      }
    }
  });
}

describe("faults outside the port calls", () => {
  it("absorbs an afterCreate hook that throws: the user stays, the failure goes to onError", async () => {
    const w = makeWorld(
      { a: auth0Tenant(VERIFY) },
      { afterCreate: () => Promise.reject(new Error("crm down")) },
    );
    const result = await w.service.signup({ email: EMAIL, password: PASSWORD }, { tenant: "a" });
    expect(result).toMatchObject({ status: "created", verificationMail: "sent" });
    expect(w.errors.map((e) => [e.phase, (e.error as Error).message])).toEqual([["afterCreate", "crm down"]]);
    expect(w.store.size).toEqual({ users: 1, claims: 0, tokens: 1 });
  });

  it("answers 503 when the breach check throws synchronously", async () => {
    const w = makeWorld(
      { a: auth0Tenant() },
      {
        breachedPasswords: {
          isBreached() {
            throw new Error("breach client not initialised");
          },
        },
      },
    );
    const error = await rejection(w.service.signup({ email: EMAIL, password: PASSWORD }, { tenant: "a" }));
    expect(isSignupError(error)).toBe(true);
    expect(error).toMatchObject({ status: 503, code: "unavailable" });
    expect(w.store.size).toEqual({ users: 0, claims: 0, tokens: 0 });
  });

  it("does not let a verification mail that failed at signup hold back the resend", async () => {
    const w = makeWorld({ a: auth0Tenant(VERIFY) });
    w.faults.inject("mailer", 1, "reject");
    const result = await w.service.signup({ email: EMAIL, password: PASSWORD }, { tenant: "a" });
    expect(result).toMatchObject({ status: "created", verificationMail: "failed" });
    w.faults.heal();
    await w.service.resendVerification({ tenant: "a" }, EMAIL);
    expect(w.mailer.messages).toHaveLength(1);
    expect(
      (await w.service.verifyEmail(tokenOf(w.mailer.lastTo(EMAIL)), { tenant: "a" })).user.emailVerified,
    ).toBe(true);
  });
});
