import { conflictError } from "../errors/conflict-error.js";
import { SignupError } from "../errors/signup-error.js";
import { emailKey, usernameKey } from "../identity/canonical-keys.js";
import { randomUsername } from "../identity/random-username.js";
import { buildUser, newEtag, withSecrets } from "../identity/user-record.js";
import type { SignupContext } from "../model/signup-input.js";
import type { User, UserRecord } from "../model/user.js";
import { isPromiseLike } from "../runtime/promise-like.js";
import type { Runtime } from "../runtime/runtime.js";
import type { SignupResult } from "../service/service-types.js";
import { afterUserCreated, sendVerification } from "./after-create.js";
import { applyBeforeCreate } from "./before-create.js";
import { createPendingClaim } from "./pending-claim.js";

/** Draws of a random username before giving up on a tenant whose name space is somehow that full. */
const USERNAME_ATTEMPTS = 8;

function hasOwnId(input: unknown): boolean {
  return typeof input === "object" && input !== null && Object.hasOwn(input, "id");
}

function hasPassword(input: unknown): boolean {
  return (
    typeof input === "object" &&
    input !== null &&
    typeof (input as { password?: unknown }).password === "string"
  );
}

/** Parses, authorizes and runs one signup: direct creation, or a pending claim when the tenant confirms first. */
export async function signup(rt: Runtime, input: unknown, context: SignupContext): Promise<SignupResult> {
  const tenant = rt.tenant(context?.tenant);
  const master = context.master === true;
  if (!master && !tenant.allowAnonymousSignup) {
    throw new SignupError("forbidden", { message: "Anonymous signup is not allowed for this tenant." });
  }
  if (!master && hasOwnId(input)) {
    throw new SignupError("forbidden", { message: "An id may only be given with the master key." });
  }
  // Load is shed before any work: a signup that will need a hash while the hash queue is full is refused now, not
  // after validation, so that refusals take as little as possible from the hashes that run (see the hash-queue benchmark).
  const shed = rt.overloaded();
  if (shed !== undefined && hasPassword(input)) throw shed;
  // What the policy loads on first use (Auth0's password dictionary); a failed load is a 503, tried again next time.
  const loading = tenant.policy.load?.();
  if (loading !== undefined) {
    await loading.catch((cause: unknown) => {
      throw new SignupError("unavailable", { message: "The signup policy could not load its data.", cause });
    });
  }
  const parsed = tenant.policy.parse(input);
  if (!parsed.ok) throw new SignupError("invalid_input", { issues: parsed.issues });
  if (parsed.value.clientCertUser && !master) {
    if (!tenant.anonymousClientCertUser) {
      throw new SignupError("forbidden", {
        message: "A client-certificate user may only be created with the master key.",
      });
    }
    if (tenant.confirmation && parsed.value.email === undefined) {
      // Confirmation is never skipped for a caller without the master key: the address is what gets confirmed.
      throw new SignupError("invalid_input", {
        issues: [{ field: "email", code: "required", message: "An email address is required." }],
      });
    }
  }
  const valid = rt.options.beforeCreate
    ? await applyBeforeCreate(rt, tenant, parsed.value, context)
    : parsed.value;

  if (valid.password !== undefined && rt.isBreached !== undefined && (await rt.isBreached(valid.password))) {
    throw new SignupError("invalid_input", {
      issues: [
        {
          field: "password",
          code: "password_breached",
          message: "This password appears in a known data breach.",
        },
      ],
    });
  }
  const validEmailKey = valid.email === undefined ? undefined : emailKey(valid.email);
  const validUsernameKey = valid.username === undefined ? undefined : usernameKey(valid.username);
  if (tenant.confirmation && valid.email !== undefined) {
    const keys = { emailKey: validEmailKey, usernameKey: validUsernameKey };
    return createPendingClaim(rt, tenant, valid, keys, context);
  }

  const passwordHash = valid.password === undefined ? undefined : await rt.hashPassword(valid.password);
  const generate = valid.username === undefined && tenant.policy.generatesUsername;
  const at = rt.nowIso();
  const id = valid.id ?? rt.generateId();
  let user: User;
  let record: UserRecord;
  for (let attempt = 0; ; attempt++) {
    const username = generate ? randomUsername() : valid.username;
    user = buildUser(id, tenant.id, valid, username, at, newEtag());
    record = withSecrets(
      user,
      passwordHash,
      validEmailKey,
      generate ? usernameKey(username as string) : validUsernameKey,
    );
    const answer = rt.insertUser(record);
    const result = isPromiseLike(answer) ? await answer : answer;
    if (result.ok) break;
    if (!(generate && result.conflict === "username" && attempt + 1 < USERNAME_ATTEMPTS)) {
      throw conflictError(result.conflict);
    }
  }
  if (rt.options.afterCreate !== undefined || tenant.notification)
    await afterUserCreated(rt, tenant, user, context);
  if (!tenant.verification || record.email === undefined) return { status: "created", user };
  try {
    await sendVerification(rt, tenant, record, null);
    return { status: "created", user, verificationMail: "sent" };
  } catch (error) {
    rt.report(error, "verification");
    return { status: "created", user, verificationMail: "failed" };
  }
}
