import {
  createInsecureTestHasher,
  createMemoryMailer,
  createMemoryStore,
} from "../../src/entries/testing.js";
import {
  auth0Policy,
  baasPolicy,
  createSignupService,
  emailKey,
  type MailMessage,
  type SignupPolicy,
  type User,
  type UserRecord,
  usernameKey,
} from "../../src/index.js";
import { newestLiveClaim } from "../../src/testing/fixtures.js";
import { withoutLinkPasswords } from "../support/link-passwords.js";
import { check, checkError, inputFromStored, passwordOf } from "./signup-invariants.js";
import type { Op, TENANTS } from "./signup-ops.js";

export { inputFromStored, PropertyViolation } from "./signup-invariants.js";

export { type Op, opArb, runArb } from "./signup-ops.js";

/**
 * The model-checked signup property, shared by the vitest suite and `scripts/fuzz.ts` (so it never imports
 * vitest): a sequence of operations with arbitrary input against a fresh service must only ever succeed or fail
 * with a `SignupError` of a documented status, write nothing when it fails, store only users its tenant's policy
 * accepts again, never let two users of a tenant share an email or username key, and mail only stored addresses.
 */

const URL = "https://app.example/link?x=1";

/** How often each outcome was seen (`created`, `pending`, `ok`, or an error code). */
export type Tally = Record<string, number>;

/** Runs one sequence of operations against a fresh service and checks every property after each step. */
export async function checkRun(ops: readonly Op[], tally: Tally = {}): Promise<void> {
  const policies: Record<(typeof TENANTS)[number], SignupPolicy> = {
    nec: baasPolicy(),
    "nec-confirm": baasPolicy(),
    "nec-conceal": baasPolicy(),
    auth0: auth0Policy(),
    "auth0-user": auth0Policy({ requireUsername: true, usernameMaxLength: 30 }),
    "auth0-lax": auth0Policy({
      passwordStrength: "none",
      passwordDictionary: false,
      passwordNoPersonalInfo: false,
    }),
  };
  const store = createMemoryStore();
  const reported: string[] = [];
  const mailer = createMemoryMailer();
  const confirmation = { confirmation: true, confirmationUrl: URL };
  const service = createSignupService({
    store,
    mailer,
    hasher: createInsecureTestHasher(),
    onError: (error, phase) => reported.push(`${phase}: ${String(error)}`),
    tenants: withoutLinkPasswords({
      nec: { policy: policies.nec },
      "nec-confirm": { policy: policies["nec-confirm"], mail: { ...confirmation, notification: true } },
      "nec-conceal": { policy: policies["nec-conceal"], mail: { ...confirmation, concealExisting: true } },
      auth0: { policy: policies.auth0 },
      "auth0-user": { policy: policies["auth0-user"], mail: { verification: true, verificationUrl: URL } },
      "auth0-lax": { policy: policies["auth0-lax"] },
    }),
  });
  /** Every user created so far, with the password it was signed up with. */
  const users = new Map<string, { tenant: (typeof TENANTS)[number]; password: unknown }>();
  /** Passwords of pending claims by tenant and email key (a confirmed claim's user gets it). */
  const claimPasswords = new Map<string, unknown>();

  const track = (user: User, password: unknown) => {
    check(
      !Object.hasOwn(user, "passwordHash") && !Object.hasOwn(user, "emailKey"),
      "a user leaks internals",
      user,
    );
    users.set(user.id, { tenant: user.tenant as (typeof TENANTS)[number], password });
  };
  const newestToken = () => {
    for (let i = mailer.messages.length - 1; i >= 0; i--) {
      const match = (mailer.messages[i] as MailMessage).text.match(/token=([A-Za-z0-9_-]{43})/);
      if (match) return match[1];
    }
    return "A".repeat(43);
  };

  for (const op of ops) {
    const before = { ...store.size };
    const mailsBefore = mailer.messages.length;
    let result: unknown;
    try {
      if (op.kind === "signup") {
        result = await service.signup(op.input, { tenant: op.tenant as string, master: op.master });
      } else if (op.kind === "resend") {
        const tenant = { tenant: op.tenant as string };
        const method = op.tenant === "auth0-user" ? service.resendVerification : service.resendConfirmation;
        result = await method(tenant, op.email as string);
        // With concealExisting the resend finishes in the background: let it, before the mails are counted.
        if (op.tenant === "nec-conceal") await new Promise((resolve) => setTimeout(resolve, 0));
      } else {
        const token = op.token === "mailed" ? newestToken() : op.token;
        const redeem = op.kind === "confirm" ? service.confirm : service.verifyEmail;
        result = await redeem(token as string, { tenant: op.tenant as string });
      }
    } catch (error) {
      const code = checkError(op, error);
      const after = store.size;
      const grew =
        after.users !== before.users || after.claims > before.claims || after.tokens > before.tokens;
      check(!grew, "a rejected call wrote", { op, before, after });
      if (op.kind === "signup")
        check(after.claims === before.claims && after.tokens === before.tokens, "partial write", op);
      check(reported.length === 0, "onError was called without any fault", reported);
      check(mailer.messages.length === mailsBefore, "a rejected call mailed", op);
      tally[code] = (tally[code] ?? 0) + 1;
      continue;
    }

    const newMails = mailer.messages.slice(mailsBefore);
    const after = store.size;
    if (op.kind === "signup") {
      const tenant = op.tenant as (typeof TENANTS)[number];
      const outcome = result as { status: string; user?: User; verificationMail?: string };
      tally[outcome.status] = (tally[outcome.status] ?? 0) + 1;
      if (outcome.status === "created") {
        const user = outcome.user as User;
        track(user, passwordOf(op.input));
        check(
          after.users === before.users + 1 && after.claims === before.claims,
          "created without exactly one user",
          op,
        );
        const mailed = tenant === "auth0-user" && user.email !== undefined;
        check(outcome.verificationMail === (mailed ? "sent" : undefined), "verificationMail", outcome);
        check(
          newMails.length === (mailed ? 1 : 0) && after.tokens === before.tokens + (mailed ? 1 : 0),
          "verification mail",
          newMails,
        );
      } else {
        check(outcome.status === "pending" && Object.keys(outcome).length === 1, "unknown result", outcome);
        check(newMails.length === 1, "a pending signup sends exactly one mail", newMails);
        const mail = newMails[0] as MailMessage;
        if (mail.kind === "confirmation") {
          check(
            after.claims === before.claims + 1 && after.tokens === before.tokens + 1,
            "claim not stored",
            op,
          );
          claimPasswords.set(`${tenant}\u0000${emailKey(mail.to)}`, passwordOf(op.input));
        } else {
          check(mail.kind === "existing-account" && tenant === "nec-conceal", "unexpected mail", mail);
          // The stand-in claim a taken address gets (the same insert as a new one), which no link reaches.
          check(after.claims === before.claims + 1 && after.users === before.users, "conceal wrote", op);
        }
      }
    } else if (op.kind === "confirm" || op.kind === "verify") {
      const user = (result as { user: User }).user;
      if (op.kind === "confirm")
        track(user, claimPasswords.get(`${user.tenant}\u0000${emailKey(user.email as string)}`));
      else check(user.emailVerified === true && users.has(user.id), "verify returned another user", user);
      tally[op.kind] = (tally[op.kind] ?? 0) + 1;
    } else {
      tally.resent = (tally.resent ?? 0) + 1;
    }
    check(reported.length === 0, "onError was called without any fault", reported);
    await checkMails(newMails);
    await checkStore();
  }

  /** Every mail goes to the address stored for its claim or user, exactly as stored. */
  async function checkMails(mails: readonly MailMessage[]): Promise<void> {
    for (const mail of mails) {
      const key = emailKey(mail.to);
      const stored =
        mail.kind === "confirmation"
          ? (await newestLiveClaim(store, mail.tenant, key, Date.now()))?.claim.user.email
          : (await store.findUserByEmail(mail.tenant, key))?.email;
      check(stored === mail.to, `a ${mail.kind} mail went to an address that is not the stored one`, {
        to: mail.to,
        stored,
      });
    }
  }

  async function checkStore(): Promise<void> {
    const emailKeys = new Set<string>();
    const usernameKeys = new Set<string>();
    for (const [id, { tenant, password }] of users) {
      const stored = (await store.getUser(id)) as UserRecord;
      check(stored !== null && stored.tenant === tenant, "a created user is gone", id);
      const again = policies[tenant].parse(inputFromStored(policies[tenant], stored, password));
      check(again.ok, `a stored user no longer passes its tenant's policy (${tenant})`, { stored, again });
      if (stored.email !== undefined) {
        check(stored.emailKey === emailKey(stored.email), "stale email key", stored);
        check(!emailKeys.has(`${tenant}\u0000${stored.emailKey}`), "two users share a mailbox", stored);
        emailKeys.add(`${tenant}\u0000${stored.emailKey}`);
      }
      if (stored.username !== undefined) {
        check(stored.usernameKey === usernameKey(stored.username), "stale username key", stored);
        check(
          !usernameKeys.has(`${tenant}\u0000${stored.usernameKey}`),
          "two users share a username",
          stored,
        );
        usernameKeys.add(`${tenant}\u0000${stored.usernameKey}`);
      }
    }
    for (const [key, password] of claimPasswords) {
      const [tenant, keyOfEmail] = key.split("\u0000") as [(typeof TENANTS)[number], string];
      const live = await newestLiveClaim(store, tenant, keyOfEmail, Date.now());
      if (live === null) continue;
      const again = policies[tenant].parse(inputFromStored(policies[tenant], live.claim.user, password));
      check(again.ok, "a pending claim no longer passes its tenant's policy", {
        claim: live.claim.user,
        again,
      });
    }
  }
}
