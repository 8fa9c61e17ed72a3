import type { UserStore } from "../ports/user-store.js";

/** One conformance check: it gets a fresh, empty store and throws an `Error` when the store misbehaves. */
export interface UserStoreCheck {
  /** The part of the contract it covers: `users`, `password hashes`, `canonical keys`, `claims`, `tokens` or `concurrency`. */
  group: string;
  /** What the check proves, as a test name. */
  name: string;
  /** Runs the check against a fresh store; throws on failure. */
  run(store: UserStore): Promise<void>;
}

/** Builds the checks of one group. */
export function group(
  name: string,
  checks: Record<string, (store: UserStore) => Promise<void>>,
): UserStoreCheck[] {
  return Object.entries(checks).map(([check, run]) => ({ group: name, name: check, run }));
}
