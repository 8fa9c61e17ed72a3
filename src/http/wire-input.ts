import { INPUT_FIELDS } from "../model/signup-input.js";

/** Property names of the camelCase input model (`SignupInput`). */
const MODEL_KEYS: ReadonlySet<string> = new Set(INPUT_FIELDS);

/** A dialect's body fields: wire name → model name (`{ _id: "id", options: "metadata", email: "email" }`). */
export type WireFields = Readonly<Record<string, string>>;

/** A request body in model form, and how to name its properties back in wire terms. */
export interface WireInput {
  input: Record<string, unknown>;
  /** Issue field (model name or stand-in) → wire name, for messages. */
  wireName(field: string): string;
}

function put(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty: a `__proto__` key from JSON stays an own data property instead of changing the prototype.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Renames a dialect's wire fields to the model's names. Every other body property is passed through so the policy
 * reports it (unknown or server-owned); one whose name happens to be a model name the dialect does not use (`id` or
 * `metadata` in a NEC body, `phoneNumber` in an Auth0 body) is passed under a stand-in name that cannot be accepted,
 * so it is reported as unknown instead of being taken for that model field. `skip` names consumed envelope fields.
 */
export function toModelInput(
  body: Record<string, unknown>,
  fields: WireFields,
  skip: ReadonlySet<string> = new Set(),
): WireInput {
  const input: Record<string, unknown> = {};
  const standIns = new Map<string, string>();
  const toWire = new Map<string, string>();
  for (const [wire, model] of Object.entries(fields)) toWire.set(model, wire);
  const keys = Object.keys(body);
  for (const key of keys) {
    if (skip.has(key)) continue;
    const value = body[key];
    const model = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (model !== undefined) {
      put(input, model, value);
    } else if (MODEL_KEYS.has(key)) {
      let standIn = `\u0000${key}`;
      while (Object.hasOwn(body, standIn)) standIn = `\u0000${standIn}`;
      standIns.set(standIn, key);
      put(input, standIn, value);
    } else {
      put(input, key, value);
    }
  }
  return {
    input,
    wireName(field) {
      const standIn = standIns.get(field);
      if (standIn !== undefined) return standIn;
      const direct = toWire.get(field);
      if (direct !== undefined) return direct;
      const dot = field.indexOf(".");
      const head = dot === -1 ? undefined : toWire.get(field.slice(0, dot));
      return head === undefined ? field : `${head}${field.slice(dot)}`;
    },
  };
}
