// Run as its own process (`tsx test/core/scripts/hung-store.ts`): a signup whose store never answers, with nothing
// else keeping the event loop alive. Prints the error code the call rejected with.
import { baasPolicy, createSignupService } from "signupkit";
import { createInsecureTestHasher, createMemoryStore } from "signupkit/testing";

const store = createMemoryStore();
store.insertUser = () => new Promise(() => {});
const service = createSignupService({
  store,
  hasher: createInsecureTestHasher(),
  tenants: { t1: { policy: baasPolicy() } },
  timeouts: { store: 100 },
});
try {
  await service.signup({ email: "a@example.com", password: "Passw0rd" }, { tenant: "t1" });
  console.log("answered: created");
} catch (error) {
  console.log(`answered: ${(error as { code?: string }).code}`);
}
