import {
  AUTH0_EMAIL_MAX_LENGTH,
  AUTH0_GIVEN_NAME_MAX_LENGTH,
  AUTH0_NAME_MAX_LENGTH,
  AUTH0_PASSWORD_MAX_LENGTH,
  AUTH0_PICTURE_MAX_LENGTH,
} from "./auth0-fields.js";
import type { ResolvedAuth0Options } from "./auth0-options.js";
import { type FieldNamer, type JsonSchema, objectSchema, stringSchema } from "./input-schema.js";
import {
  AUTH0_METADATA_MAX_KEY_LENGTH,
  AUTH0_METADATA_MAX_PROPERTIES,
  AUTH0_METADATA_MAX_VALUE_LENGTH,
} from "./metadata-rules.js";
import { createStrengthCheck } from "./password-strength.js";

/** The email shape Auth0 accepts (the policy's own expression, as a JSON Schema pattern). */
const EMAIL_PATTERN = "^[^\\s@\\p{Cc}]+@[^\\s@.\\p{Cc}]+(?:\\.[^\\s@.\\p{Cc}]+)+$";
const USERNAME_PATTERN = "^[A-Za-z0-9@^$.!`\\-#+'~_]+$";
const E164_PATTERN = "^\\+[0-9]{1,15}$";

function passwordSchema(settings: ResolvedAuth0Options): JsonSchema {
  // The empty password fails every level, so its report names the level's rules (and its minimum length).
  const report = createStrengthCheck(settings.passwordStrength, settings.passwordMinLength)("");
  const minLength = Number(report?.rules[0]?.format?.[0] ?? 1);
  const dictionary = settings.passwordDictionary;
  const rules = [
    `Password strength "${settings.passwordStrength}":`,
    report?.policy ?? "",
    dictionary === false || (typeof dictionary === "object" && !dictionary.enabled)
      ? ""
      : "* Not one of the most common passwords",
    settings.passwordNoPersonalInfo ? "* Not based on the user's name, username, nickname or email" : "",
  ];
  return stringSchema(minLength, AUTH0_PASSWORD_MAX_LENGTH, {
    description: rules.filter((line) => line !== "").join("\n"),
  });
}

/**
 * The JSON Schema of an Auth0 signup body (without `client_id` and `connection`) under one connection's
 * settings: lengths (in Unicode characters), patterns, the password rules, and whether a username is required.
 */
export function auth0InputSchema(settings: ResolvedAuth0Options, name: FieldNamer): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    email: stringSchema(1, AUTH0_EMAIL_MAX_LENGTH, { pattern: EMAIL_PATTERN }),
    password: passwordSchema(settings),
  };
  if (settings.requireUsername) {
    properties.username = stringSchema(settings.username.min, settings.username.max, {
      pattern: USERNAME_PATTERN,
      not: { pattern: EMAIL_PATTERN },
      description: "Letters, digits and @ ^ $ . ! ` - # + ' ~ _; not an email address.",
    });
  }
  const nameField = (max: number) => stringSchema(1, max, { pattern: "^[^\\x00-\\x1f]*$" });
  Object.assign(properties, {
    phoneNumber: stringSchema(1, 16, { pattern: E164_PATTERN }),
    givenName: nameField(AUTH0_GIVEN_NAME_MAX_LENGTH),
    familyName: nameField(AUTH0_GIVEN_NAME_MAX_LENGTH),
    name: nameField(AUTH0_NAME_MAX_LENGTH),
    nickname: nameField(AUTH0_NAME_MAX_LENGTH),
    picture: stringSchema(1, AUTH0_PICTURE_MAX_LENGTH, { format: "uri", pattern: "^[Hh][Tt][Tt][Pp][Ss]?:" }),
    metadata: {
      type: "object",
      maxProperties: AUTH0_METADATA_MAX_PROPERTIES,
      propertyNames: { maxLength: AUTH0_METADATA_MAX_KEY_LENGTH },
      additionalProperties: { type: "string", maxLength: AUTH0_METADATA_MAX_VALUE_LENGTH },
    },
  });
  const required = settings.requireUsername ? ["email", "password", "username"] : ["email", "password"];
  return objectSchema(properties, required, name);
}
