/**
 * The conformance kit under node:test, proving its API fits that runner too. Run by node-test-runner.test.ts as
 * `node --import tsx --test test/store/memory-store.node-test.ts`; with KIT_BROKEN=1 the store loses every user,
 * and the run must fail.
 */
import { describe, it } from "node:test";
import { createMemoryStore } from "../../src/adapters/memory/memory-store.js";
import { testUserStore } from "../../src/testing/test-user-store.js";

const broken = process.env.KIT_BROKEN === "1";

testUserStore(
  () => {
    const store = createMemoryStore();
    return broken ? { ...store, getUser: async () => null } : store;
  },
  { describe, it, name: "memory store under node:test" },
);
