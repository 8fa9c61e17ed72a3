import { SignupError } from "../errors/signup-error.js";
import { emailKey, usernameKey } from "../identity/canonical-keys.js";
import { toUser } from "../identity/user-record.js";
import type { UserRecord } from "../model/user.js";
import type { Runtime } from "../runtime/runtime.js";
import type { CredentialsFailure, CredentialsInput, CredentialsResult } from "../service/credential-types.js";

/** Longest identifier or password looked at; anything longer cannot have been stored and is refused as input. */
const MAX_IDENTIFIER = 320;
const MAX_PASSWORD = 4096;

const failed = (reason: CredentialsFailure): CredentialsResult => ({ ok: false, reason });

function badInput(field: string, message: string): SignupError {
  return new SignupError("invalid_input", { issues: [{ field, code: "invalid_type", message }] });
}

function isText(value: unknown, max: number): value is string {
  return typeof value === "string" && value.length > 0 && value.length <= max;
}

/** The identifier's store lookup: exactly one of email and username, as a non-empty string. */
function lookupOf(rt: Runtime, tenant: string, input: CredentialsInput): () => unknown {
  const { email, username } = input;
  if ((email === undefined) === (username === undefined)) {
    throw badInput(email === undefined ? "email" : "username", "Give either an email or a username.");
  }
  if (email !== undefined) {
    if (!isText(email, MAX_IDENTIFIER)) throw badInput("email", "The email must be a non-empty string.");
    const key = emailKey(email);
    return () => rt.store.findUserByEmail(tenant, key);
  }
  if (!isText(username, MAX_IDENTIFIER))
    throw badInput("username", "The username must be a non-empty string.");
  const key = usernameKey(username);
  return () => rt.store.findUserByUsername(tenant, key);
}

/**
 * A hash of a random password made by the service's own hasher with its current parameters, once per service, on
 * first need: an unknown identifier is checked against it so that it costs one verify, as a wrong password does.
 */
function dummyHash(rt: Runtime, cache: { hash: Promise<string> | undefined }): Promise<string> {
  if (cache.hash === undefined) {
    const bytes = crypto.getRandomValues(new Uint8Array(18));
    const password = btoa(String.fromCharCode(...bytes));
    cache.hash = rt.hashPassword(password);
    cache.hash.catch(() => {
      cache.hash = undefined; // a failed hash (timeout, overload) is tried again next time
    });
  }
  return cache.hash;
}

/** Builds `verifyCredentials` for one service (it keeps that service's dummy hash). */
export function createCredentialCheck(rt: Runtime): (input: CredentialsInput) => Promise<CredentialsResult> {
  const cache: { hash: Promise<string> | undefined } = { hash: undefined };
  return async (input) => {
    const tenant = rt.tenant(input?.tenant);
    const lookup = lookupOf(rt, tenant.id, input);
    if (!isText(input.password, MAX_PASSWORD))
      throw badInput("password", "The password must be a non-empty string.");
    const shed = rt.overloaded();
    if (shed !== undefined) throw shed;
    const user = (await rt.storeCall(lookup)) as UserRecord | null;
    const stored = user?.passwordHash;
    if (user === null || stored === undefined) {
      await rt.verifyPassword(input.password, await dummyHash(rt, cache));
      return failed("invalid_credentials");
    }
    if (!(await rt.verifyPassword(input.password, stored))) return failed("invalid_credentials");
    // From here on the caller has proved the password: the remaining failures may be told apart.
    if (!user.enabled) return failed("disabled");
    if (tenant.verification && !user.emailVerified) return failed("email_unverified");
    const needsRehash = rt.hasher()?.needsRehash?.(stored) === true;
    let rehashed = false;
    if (needsRehash && input.rehash !== false) {
      try {
        const fresh = await rt.hashPassword(input.password);
        rehashed = await rt.storeCall(() => rt.store.replacePasswordHash(user.id, stored, fresh));
      } catch (error) {
        rt.report(error, "rehash"); // the login itself succeeded; the upgrade is tried again at the next one
      }
    }
    return { ok: true, user: toUser(user), needsRehash, rehashed };
  };
}
