/** A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) as a plain JSON object. */
export type JsonSchema = { [keyword: string]: unknown };

/** Maps a field of the input model (`givenName`) to its name on the wire (`given_name`). */
export type FieldNamer = (field: string) => string;

/** Keeps the model's field names. */
export const SAME_NAME: FieldNamer = (field) => field;

/** A JSON Schema `pattern` for strings of printable ASCII (0x20-0x7e) only. */
export const PRINTABLE_ASCII_PATTERN = "^[\\x20-\\x7e]*$";

/** A string schema: lengths, then any extra keywords. */
export function stringSchema(min: number, max: number, extra: JsonSchema = {}): JsonSchema {
  const schema: JsonSchema = { type: "string" };
  if (min > 0) schema.minLength = min;
  schema.maxLength = max;
  return { ...schema, ...extra };
}

/** The object schema of a request body: the named properties only, each renamed to its wire name. */
export function objectSchema(
  properties: Readonly<Record<string, JsonSchema>>,
  required: readonly string[],
  name: FieldNamer,
): JsonSchema {
  const renamed: Record<string, JsonSchema> = {};
  for (const [field, schema] of Object.entries(properties)) renamed[name(field)] = schema;
  const schema: JsonSchema = { type: "object", properties: renamed, additionalProperties: false };
  if (required.length > 0) schema.required = required.map(name);
  return schema;
}
