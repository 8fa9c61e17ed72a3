import fc from "fast-check";
import { nearValidInputArb, signupInputArb } from "./arbitraries.js";

/** The operations of a model-checked signup run (see signup-properties.ts), as fast-check arbitraries. */

/** The tenants of the run's service: NEC direct / confirmation / conceal-existing, Auth0 default / usernames and
 * verification mail / any password. */
export const TENANTS = ["nec", "nec-confirm", "nec-conceal", "auth0", "auth0-user", "auth0-lax"] as const;

/** One step of a run. `token: "mailed"` redeems the newest mailed token, anything else is passed as is. */
export type Op =
  | { kind: "signup"; tenant: unknown; input: unknown; master: boolean }
  | { kind: "confirm" | "verify"; tenant: unknown; token: unknown }
  | { kind: "resend"; tenant: unknown; email: unknown };

const tenantArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...TENANTS) },
  { weight: 1, arbitrary: fc.oneof(fc.constant("nope"), fc.jsonValue({ maxDepth: 1 })) },
);
const tokenArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant("mailed") },
  {
    weight: 1,
    arbitrary: fc.oneof(fc.string({ minLength: 43, maxLength: 43 }), fc.jsonValue({ maxDepth: 1 })),
  },
);

/** Input for a tenant: mostly near-valid for its policy, otherwise anything. */
function inputFor(tenant: unknown): fc.Arbitrary<unknown> {
  if (typeof tenant !== "string" || !(TENANTS as readonly string[]).includes(tenant)) return signupInputArb;
  const near = tenant.startsWith("nec")
    ? nearValidInputArb("baas")
    : nearValidInputArb("auth0", tenant === "auth0-user");
  return fc.oneof({ weight: 3, arbitrary: near }, { weight: 2, arbitrary: signupInputArb });
}

const signupOpArb: fc.Arbitrary<Op> = tenantArb.chain((tenant) =>
  fc.record({
    kind: fc.constant("signup" as const),
    tenant: fc.constant(tenant),
    input: inputFor(tenant),
    master: fc.boolean(),
  }),
);

/** One operation. */
export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: signupOpArb },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constantFrom("confirm" as const, "verify" as const),
      tenant: tenantArb,
      token: tokenArb,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("resend" as const),
      tenant: tenantArb,
      email: fc.oneof(
        fc.emailAddress(),
        fc.constantFrom("TARO@example.com", "taro@example.com\uFF0E"),
        fc.jsonValue({ maxDepth: 1 }),
      ),
    }),
  },
);

/** A run: a short sequence of operations against one fresh service. */
export const runArb: fc.Arbitrary<Op[]> = fc.array(opArb, { minLength: 1, maxLength: 8 });
