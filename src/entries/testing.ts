/**
 * signupkit/testing: in-memory ports and the store conformance kit, for tests and demos.
 * @module
 */
export { createInsecureTestHasher } from "../adapters/memory/insecure-test-hasher.js";
export { createMemoryMailer, type MemoryMailer } from "../adapters/memory/memory-mailer.js";
export {
  createMemoryStore,
  type MemoryStore,
  type MemoryStoreDump,
} from "../adapters/memory/memory-store.js";
export {
  type TestUserStoreOptions,
  testUserStore,
  type UserStoreCheck,
  userStoreChecks,
} from "../testing/test-user-store.js";
