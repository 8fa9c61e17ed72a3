import type { BaasPasswordRules } from "./baas-fields.js";
import { BAAS_FIELD_MAX_LENGTH } from "./baas-fields.js";
import {
  type FieldNamer,
  type JsonSchema,
  objectSchema,
  PRINTABLE_ASCII_PATTERN,
  stringSchema,
} from "./input-schema.js";
import { BAAS_METADATA_MAX_DEPTH, BAAS_METADATA_MAX_SIZE } from "./json-metadata.js";

/** The email pattern NEC BaaS applies to the whole address (ASCII `\w`). */
const EMAIL_PATTERN = "^[\\w.-]+@(?:[\\w-]+\\.)+[\\w-]+$";
/** Printable ASCII without `:`. */
const USERNAME_PATTERN = "^[\\x20-\\x39\\x3b-\\x7e]*$";

/** A pattern requiring at least `count` characters of `charClass`. */
function atLeast(count: number, charClass: string): JsonSchema[] {
  return count > 0 ? [{ pattern: `^(?:[^${charClass}]*[${charClass}]){${count}}` }] : [];
}

function passwordSchema(rules: BaasPasswordRules): JsonSchema {
  const classes = [
    ...atLeast(rules.minUpperCaseLength, "A-Z"),
    ...atLeast(rules.minLowerCaseLength, "a-z"),
    ...atLeast(rules.minNumeralLength, "0-9"),
    ...atLeast(rules.minSymbolLength, "!-/:-@\\[-`{-~"),
  ];
  const schema = stringSchema(rules.minLength, rules.maxLength, {
    pattern: PRINTABLE_ASCII_PATTERN,
    description:
      `Printable ASCII, ${rules.minLength} to ${rules.maxLength} characters; at least ` +
      `${rules.minUpperCaseLength} upper-case, ${rules.minLowerCaseLength} lower-case, ` +
      `${rules.minNumeralLength} numerals and ${rules.minSymbolLength} symbols.`,
  });
  return classes.length > 0 ? { ...schema, allOf: classes } : schema;
}

/**
 * The JSON Schema of a NEC BaaS signup body under one tenant's password rules: lengths, patterns, and which fields
 * are required (`email` and `password`, or `username` alone for a client-certificate user).
 */
export function baasInputSchema(rules: BaasPasswordRules, name: FieldNamer): JsonSchema {
  const max = BAAS_FIELD_MAX_LENGTH;
  const body = objectSchema(
    {
      id: stringSchema(1, max, {
        pattern: PRINTABLE_ASCII_PATTERN,
        description: "The user id; only a caller holding the master key may set it.",
      }),
      username: stringSchema(1, max, {
        pattern: USERNAME_PATTERN,
        description: "Printable ASCII without `:`. Generated (8 letters and digits) when omitted.",
      }),
      email: stringSchema(1, max, { pattern: EMAIL_PATTERN }),
      password: passwordSchema(rules),
      metadata: {
        type: "object",
        description:
          `Any JSON object: at most ${BAAS_METADATA_MAX_SIZE} characters as JSON, nested at most ` +
          `${BAAS_METADATA_MAX_DEPTH} levels deep.`,
      },
      clientCertUser: { type: "boolean", default: false },
    },
    [],
    name,
  );
  // JSON Schema's own `if`/`then`/`else` keywords (biome takes `then` for a thenable).
  return {
    ...body,
    if: { properties: { [name("clientCertUser")]: { const: true } }, required: [name("clientCertUser")] },
    // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword, never awaited
    then: { required: [name("username")] },
    else: { required: [name("email"), name("password")] },
  };
}
