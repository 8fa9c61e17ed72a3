import { SignupError } from "../errors/signup-error.js";
import {
  PROFILE_FIELDS,
  type SignupContext,
  type SignupPatch,
  type ValidSignup,
} from "../model/signup-input.js";
import type { Runtime } from "../runtime/runtime.js";
import type { TenantSettings } from "../service/tenant-settings.js";

/** The only fields a hook's patch may set; anything else in a patch is ignored. */
const PATCHABLE = [...PROFILE_FIELDS, "metadata"] as const;

/**
 * Runs the host's `beforeCreate` hook on a frozen copy. A returned patch may change profile fields only, and the
 * patched input is checked against the policy again, so a hook cannot store what the policy forbids.
 */
export async function applyBeforeCreate(
  rt: Runtime,
  tenant: TenantSettings,
  valid: ValidSignup,
  context: SignupContext,
): Promise<ValidSignup> {
  const hook = rt.options.beforeCreate;
  if (!hook) return valid;
  let patch: SignupPatch | undefined;
  try {
    patch = await hook(Object.freeze({ ...valid }), context);
  } catch (error) {
    if (error instanceof SignupError) throw error;
    throw new SignupError("unavailable", { message: "The beforeCreate hook failed.", cause: error });
  }
  if (patch === undefined || patch === null) return valid;
  const { clientCertUser, ...rest } = valid;
  const input: Record<string, unknown> = clientCertUser ? { ...rest, clientCertUser } : rest;
  for (const field of PATCHABLE) {
    if (Object.hasOwn(patch, field)) input[field] = patch[field];
  }
  const reparsed = tenant.policy.parse(input);
  if (!reparsed.ok) throw new SignupError("invalid_input", { issues: reparsed.issues });
  return reparsed.value;
}
