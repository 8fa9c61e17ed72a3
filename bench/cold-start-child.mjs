// A fresh process's first signup, as a user's server meets it: import the package and its HTTP entry through their
// published names (the built dist), create a service, sign one user up. Plain JavaScript: node runs it as it is.
import { baasPolicy, createSignupService } from "signupkit";
import "signupkit/http";
import { createMemoryStore } from "signupkit/testing";

const service = createSignupService({
  store: createMemoryStore(),
  hasher: { hash: async () => "x", verify: async () => false },
  tenants: { t1: { policy: baasPolicy() } },
});
const user = await service.signup({ email: "first@example.com", password: "Passw0rd!" }, { tenant: "t1" });
if (user.status !== "created") throw new Error(`cold start: unexpected ${JSON.stringify(user)}`);
