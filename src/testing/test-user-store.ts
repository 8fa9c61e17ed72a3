import type { UserStore } from "../ports/user-store.js";
import type { UserStoreCheck } from "./check.js";
import { claimChecks } from "./checks/claims.js";
import { concurrencyChecks } from "./checks/concurrency.js";
import { keyChecks } from "./checks/keys.js";
import { linkGuardChecks } from "./checks/link-guards.js";
import { passwordHashChecks } from "./checks/password-hash.js";
import { tokenChecks } from "./checks/tokens.js";
import { userChecks } from "./checks/users.js";

export type { UserStoreCheck } from "./check.js";

/** Every check of the conformance kit, grouped by `group`, in the order they run. */
export const userStoreChecks: readonly UserStoreCheck[] = Object.freeze([
  ...userChecks,
  ...passwordHashChecks,
  ...keyChecks,
  ...claimChecks,
  ...tokenChecks,
  ...linkGuardChecks,
  ...concurrencyChecks,
]);

/**
 * The test runner's `describe` and `it`. Vitest, Jest, Mocha and `node:test` all fit: `describe(name, fn)` with a
 * synchronous body, `it(name, fn)` with an async body that fails by throwing.
 */
export interface TestUserStoreOptions {
  /** The runner's `describe`. */
  describe: (name: string, fn: () => void) => unknown;
  /** The runner's `it` (or `test`). */
  it: (name: string, fn: () => Promise<void>) => unknown;
  /** Name of the outer suite. Default `UserStore conformance`. */
  name?: string;
}

/**
 * Registers the `UserStore` conformance checks with your test runner: reads and copies, the three unique keys and
 * their scopes, canonical-key collisions (computed with the service's own `emailKey()`/`usernameKey()`), the
 * password-hash compare-and-set, the claim and token lifecycle, and races (200 simultaneous inserts of one address,
 * 20 simultaneous redemptions of one token, compare-and-set issues and rehashes).
 *
 * `makeStore` is called once per check and must return a FRESH, EMPTY store each time (a new schema or truncated
 * tables for a database): checks reuse ids, keys and token digests freely. The assertions throw plain `Error`s;
 * the kit imports neither a test runner nor any `node:` module.
 *
 * @example
 * // vitest
 * import { describe, it } from "vitest";
 * import { createMemoryStore, testUserStore } from "signupkit/testing";
 * testUserStore(() => createMemoryStore(), { describe, it });
 *
 * @example
 * // node:test
 * import { describe, it } from "node:test";
 * testUserStore(async () => myFreshStore(), { describe, it });
 */
export function testUserStore(
  makeStore: () => UserStore | Promise<UserStore>,
  options: TestUserStoreOptions,
): void {
  const { describe, it } = options;
  describe(options.name ?? "UserStore conformance", () => {
    const groups = [...new Set(userStoreChecks.map((check) => check.group))];
    for (const name of groups) {
      describe(name, () => {
        for (const check of userStoreChecks) {
          if (check.group === name) it(check.name, async () => check.run(await makeStore()));
        }
      });
    }
  });
}
