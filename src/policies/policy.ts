import type { Issue } from "../errors/issue.js";
import type { ValidSignup } from "../model/signup-input.js";
import type { FieldNamer, JsonSchema } from "./input-schema.js";

/** Result of {@link SignupPolicy.parse}: the stored form of the input, or every violation at once. */
export type PolicyResult =
  | {
      /** The input passed. */
      ok: true;
      /** The input in its stored form. */
      value: ValidSignup;
    }
  | {
      /** The input failed. */
      ok: false;
      /** Every violation. */
      issues: Issue[];
    };

/**
 * The rules one tenant applies to signup input. Made by `baasPolicy()` or `auth0Policy()`, which build their
 * valibot schemas once; `parse` never throws for bad input.
 */
export interface SignupPolicy {
  /** Which API's rules these are: NEC BaaS (`"baas"`) or Auth0 (`"auth0"`). */
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
  /**
   * The JSON Schema (draft 2020-12) of a signup body these rules accept: lengths, patterns and required fields,
   * each field renamed by `name` (default: the input model's names). `signupkit/openapi` builds on it. A policy
   * of your own may leave it out; its documents then describe the body as any JSON object.
   */
  describe?(name?: FieldNamer): JsonSchema;
}
