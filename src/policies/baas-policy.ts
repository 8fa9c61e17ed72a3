import type { Issue } from "../errors/issue.js";
import type { ValidSignup } from "../model/signup-input.js";
import {
  BAAS_PASSWORD_MAX_LENGTH,
  BAAS_PASSWORD_MIN_LENGTH,
  type BaasPasswordRules,
  baasFieldSchemas,
} from "./baas-fields.js";
import { baasInputSchema } from "./baas-schema.js";
import { SAME_NAME } from "./input-schema.js";
import { isPlainObject, notAnObject, ownValue, report, reportForeignKeys } from "./issues.js";
import { copyJsonMetadata } from "./json-metadata.js";
import type { PolicyResult, SignupPolicy } from "./policy.js";
import { checkOptionKeys, configError, integerOption } from "./policy-options.js";
import { booleanField, runField } from "./string-field.js";

/**
 * A NEC BaaS tenant's password settings. Tenants may only tighten the defaults: lengths stay within 8..100.
 * Every `min*Length` counts characters of that class the password must contain (0, the default, means no rule).
 */
export interface BaasPolicyOptions {
  /** Shortest password, 8..100 (default 8). */
  minLength?: number;
  /** Longest password, 8..100 (default 100), at least `minLength`. */
  maxLength?: number;
  /** Upper-case letters (A-Z) required. */
  minUpperCaseLength?: number;
  /** Lower-case letters (a-z) required. */
  minLowerCaseLength?: number;
  /** Numerals (0-9) required. */
  minNumeralLength?: number;
  /** Symbols required: printable ASCII other than letters, digits and the space. */
  minSymbolLength?: number;
}

const NAME = "baasPolicy";
const OPTION_KEYS = [
  "minLength",
  "maxLength",
  "minUpperCaseLength",
  "minLowerCaseLength",
  "minNumeralLength",
  "minSymbolLength",
] as const;
const ACCEPTED: ReadonlySet<string> = new Set([
  "id",
  "username",
  "email",
  "password",
  "metadata",
  "clientCertUser",
]);

function resolveOptions(input: unknown): BaasPasswordRules {
  const options = checkOptionKeys(NAME, input, OPTION_KEYS);
  const max = BAAS_PASSWORD_MAX_LENGTH;
  const minLength = integerOption(NAME, options, "minLength", {
    min: BAAS_PASSWORD_MIN_LENGTH,
    max,
    fallback: 8,
  });
  const maxLength = integerOption(NAME, options, "maxLength", { min: minLength, max, fallback: max });
  const count = (key: string) => integerOption(NAME, options, key, { min: 0, max: maxLength, fallback: 0 });
  const rules: BaasPasswordRules = {
    minLength,
    maxLength,
    minUpperCaseLength: count("minUpperCaseLength"),
    minLowerCaseLength: count("minLowerCaseLength"),
    minNumeralLength: count("minNumeralLength"),
    minSymbolLength: count("minSymbolLength"),
  };
  const required =
    rules.minUpperCaseLength + rules.minLowerCaseLength + rules.minNumeralLength + rules.minSymbolLength;
  if (required > maxLength) throw configError(NAME, "the min*Length options together exceed maxLength.");
  return rules;
}

/**
 * NEC BaaS signup rules (`POST /1/{tenantId}/users`):
 * - `id` (`_id`): 1..100 printable ASCII (whether the caller may set it is the service's master-key check);
 * - `username`: 1..100 printable ASCII (0x20-0x7e) without `:`, not only spaces; omitted, the service generates one;
 * - `email`: at most 100 characters matching `[\w.-]+@(?:[\w-]+\.)+[\w-]+` as a whole (ASCII `\w`), with a dot-atom
 *   local part (no leading, trailing or doubled dot);
 * - `password`: printable ASCII, 8..100 unless the tenant tightens it ({@link BaasPolicyOptions});
 * - `metadata` (`options`): any JSON object within `BAAS_METADATA_MAX_SIZE` / `BAAS_METADATA_MAX_DEPTH`;
 * - `clientCertUser`: a boolean. `email` and `password` are required unless it is true; then `username` is.
 *
 * Text must be storable as given (`invalid_characters` otherwise): no field may hold a C0 control character
 * (U+0000-U+001F) or a lone UTF-16 surrogate, and no metadata property name or string value, at any depth,
 * NUL (U+0000) or a lone surrogate.
 *
 * Values are kept as given (NEC does not lower-case). Throws `SignupError("invalid_config")` for bad options.
 *
 * @example
 * const policy = baasPolicy({ minLength: 10, minNumeralLength: 1 });
 * const result = policy.parse({ email: "taro@example.com", password: "Passw0rd12" });
 */
export function baasPolicy(options?: BaasPolicyOptions): SignupPolicy {
  const rules = resolveOptions(options);
  const schemas = baasFieldSchemas(rules);
  const clientCertUser = booleanField("clientCertUser");

  function parse(input: unknown): PolicyResult {
    if (!isPlainObject(input)) return { ok: false, issues: [notAnObject()] };
    const issues: Issue[] = [];
    reportForeignKeys(input, ACCEPTED, issues);
    const value: ValidSignup = { clientCertUser: false };

    const id = ownValue(input, "id");
    if (id !== undefined && runField(schemas.id, id, "id", issues)) value.id = id as string;
    const username = ownValue(input, "username");
    if (username !== undefined && runField(schemas.username, username, "username", issues)) {
      value.username = username as string;
    }
    const email = ownValue(input, "email");
    if (email !== undefined && runField(schemas.email, email, "email", issues)) value.email = email as string;
    const password = ownValue(input, "password");
    if (password !== undefined && runField(schemas.password, password, "password", issues)) {
      value.password = password as string;
    }
    const metadata = ownValue(input, "metadata");
    if (metadata !== undefined) {
      const copy = copyJsonMetadata(metadata, issues);
      if (copy !== undefined) value.metadata = copy;
    }
    const certUser = ownValue(input, "clientCertUser");
    if (certUser !== undefined && runField(clientCertUser, certUser, "clientCertUser", issues)) {
      value.clientCertUser = certUser as boolean;
    }

    if (value.clientCertUser) {
      if (username === undefined) {
        report(issues, "username", "required", "username is required for a client-certificate user.");
      }
    } else {
      if (email === undefined) report(issues, "email", "required", "email is required.");
      if (password === undefined) report(issues, "password", "required", "password is required.");
    }
    return issues.length === 0 ? { ok: true, value } : { ok: false, issues };
  }

  return {
    name: "baas",
    generatesUsername: true,
    parse,
    describe: (name = SAME_NAME) => baasInputSchema(rules, name),
  };
}
