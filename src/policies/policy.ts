import type { Issue } from "../errors/issue.js";
import type { ValidSignup } from "../model/signup-input.js";

/** Result of {@link SignupPolicy.parse}: the stored form of the input, or every violation at once. */
export type PolicyResult = { ok: true; value: ValidSignup } | { ok: false; issues: Issue[] };

/**
 * The rules one tenant applies to signup input. Made by `baasPolicy()` or `auth0Policy()`, which build their
 * valibot schemas once; `parse` never throws for bad input.
 */
export interface SignupPolicy {
  /** Which seed's rules these are. */
  readonly name: "baas" | "auth0";
  /** When true, a signup without a username gets 8 random letters and digits (NEC). */
  readonly generatesUsername: boolean;
  /**
   * Checks an untrusted value (any JSON) against every rule and reports all violations. On success the value is
   * in its stored form (Auth0 lower-cases email and username). Unknown and server-owned properties are issues.
   */
  parse(input: unknown): PolicyResult;
  /**
   * Loads what `parse` needs and importing the package does not load (Auth0's password dictionary): a promise to
   * await before the first `parse`, `undefined` once everything is loaded. The signup service calls it; call it
   * yourself before calling `parse` directly.
   */
  load?(): Promise<void> | undefined;
}
