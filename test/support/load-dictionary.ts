/**
 * Vitest setup: loads Auth0's password dictionary once per test file, as the signup service does before its first
 * parse, so tests may call `auth0Policy().parse` directly. test/policies/lazy-dictionary.test.ts checks, in fresh
 * processes, that nothing loads it before then.
 */
import { auth0Policy } from "signupkit";

await auth0Policy().load?.();
