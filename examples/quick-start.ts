/**
 * The library doing its main job in a few lines: a service over the memory store signs up a user, refuses bad
 * input with every issue listed (400), and refuses the same address again (409).
 * Run: npx tsx examples/quick-start.ts
 */
import { baasPolicy, createSignupService, isSignupError } from "signupkit";
import { createMemoryStore } from "signupkit/testing";

const service = createSignupService({
  store: createMemoryStore(),
  tenants: { "tenant-1": { policy: baasPolicy() } },
});

async function attempt(label: string, body: unknown): Promise<void> {
  try {
    const result = await service.signup(body, { tenant: "tenant-1" });
    console.log(`${label}: 200`, JSON.stringify(result));
  } catch (error) {
    if (!isSignupError(error)) throw error;
    console.log(`${label}: ${error.status} ${error.code}`);
    for (const issue of error.issues) console.log(`  - ${issue.field}: ${issue.code} (${issue.message})`);
  }
}

await attempt("new user", { username: "tarou", email: "nichiden.tarou@example.com", password: "Passw0rd" });
await attempt("bad input", { username: "ta:rou", email: "not-an-email", password: "short", age: 3 });
await attempt("same address", { email: "Nichiden.Tarou@example.com", password: "Passw0rd" });
