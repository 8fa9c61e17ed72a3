export { rejection } from "../support/rejection.js";

import { auth0Policy, baasPolicy, createSignupService, type SignupServiceOptions } from "signupkit";
import { createInsecureTestHasher, createMemoryStore } from "signupkit/testing";

/** A service over a fresh memory store with an NEC tenant `t1`, a second NEC tenant `t2` and an Auth0 connection. */
export function makeService(overrides: Partial<SignupServiceOptions> = {}) {
  const store = createMemoryStore();
  const hasher = createInsecureTestHasher();
  let hashes = 0;
  const counting = {
    hash: (password: string) => {
      hashes++;
      return hasher.hash(password);
    },
    verify: hasher.verify,
  };
  const service = createSignupService({
    store,
    hasher: counting,
    tenants: {
      t1: { policy: baasPolicy() },
      t2: { policy: baasPolicy() },
      closed: { policy: baasPolicy(), allowAnonymousSignup: false },
      auth0: { policy: auth0Policy() },
      "auth0-username": { policy: auth0Policy({ requireUsername: true }) },
    },
    ...overrides,
  });
  return { service, store, hasher, hashCount: () => hashes };
}
