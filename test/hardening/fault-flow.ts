import type { TenantOptions } from "signupkit";
import { isSignupError } from "signupkit";
import { expect } from "vitest";
import type { CallRecord, FaultMode } from "./faults.js";
import type { World, WorldOptions } from "./world.js";

/** What the fault suite needs to know about a flow: see fault-injection.test.ts. */

/** The address every fault flow signs up. */
export const EMAIL = "nichiden.tarou@example.com";

/** One flow of the service, described so that a fault can be injected at any port call along it. */
export interface FaultFlow<C = unknown> {
  name: string;
  /** The port calls of a fault-free run, in order (`port.method`): documents the order the suite relies on. */
  order: string[];
  tenants(): Record<string, TenantOptions>;
  options?: WorldOptions;
  /** Fault-free preparation (a pending claim, a mailed token, ...); counting starts after it. */
  setup(w: World): Promise<C>;
  run(w: World, ctx: C): Promise<unknown>;
  /** Calls whose failure the spec absorbs: the operation succeeds with a documented outcome instead of a 503. */
  absorbs?(call: CallRecord): boolean;
  /** After a failed (503) run: nothing partial was written and nothing is orphaned. */
  unchanged(w: World, ctx: C): Promise<void>;
  /** After an absorbed failure: the documented outcome. */
  absorbed?(w: World, ctx: C, value: unknown, call: CallRecord): Promise<void>;
  /** With the fault gone, the retry succeeds. `absorbed` is the absorbed call, when the first run absorbed one. */
  retry(w: World, ctx: C, absorbed: CallRecord | undefined): Promise<void>;
}

/** Asserts the 503 a failed port call must produce, with the original failure kept as `cause`. */
export function expectUnavailable(error: unknown, w: World, call: CallRecord, mode: FaultMode): void {
  expect(isSignupError(error), String(error)).toBe(true);
  const code = call.port === "mailer" ? "mail_unavailable" : "unavailable";
  expect(error).toMatchObject({ status: 503, code });
  const cause = (error as Error).cause;
  if (mode === "hang") expect((cause as Error).message).toMatch(/timed out/);
  else expect(cause).toBe(w.faults.raised[0]);
}
