import { SignupError } from "../errors/signup-error.js";

/** Throws the `invalid_config` error of a policy factory. */
export function configError(policy: string, message: string): SignupError {
  return new SignupError("invalid_config", { message: `${policy}: ${message}` });
}

/** Checks that `options` is an object (or absent) whose keys are all known; typos fail loudly. */
export function checkOptionKeys(
  policy: string,
  options: unknown,
  known: readonly string[],
): Record<string, unknown> {
  if (options === undefined) return {};
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw configError(policy, "options must be an object.");
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw configError(policy, `unknown option "${key}".`);
  }
  return options as Record<string, unknown>;
}

/** An integer option within `[min, max]`, or `fallback` when absent. */
export function integerOption(
  policy: string,
  options: Record<string, unknown>,
  key: string,
  range: { min: number; max: number; fallback: number },
): number {
  const value = options[key];
  if (value === undefined) return range.fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < range.min || value > range.max) {
    throw configError(policy, `${key} must be an integer from ${range.min} to ${range.max}.`);
  }
  return value;
}

/** A boolean option, or `fallback` when absent. */
export function booleanOption(
  policy: string,
  options: Record<string, unknown>,
  key: string,
  fallback: boolean,
): boolean {
  const value = options[key];
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") throw configError(policy, `${key} must be true or false.`);
  return value;
}
