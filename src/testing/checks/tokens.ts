import type { UserRecord } from "../../model/user.js";
import { assertEqual } from "../assert.js";
import { group } from "../check.js";
import {
  claimFor,
  DAY,
  EXPIRED,
  fullUser,
  INVALID,
  KEEP,
  NOW,
  newestLiveClaim,
  redemption,
  stamp,
  T1,
  T2,
  token,
} from "../fixtures.js";

function verified(user: UserRecord, n = 1): UserRecord {
  return { ...user, emailVerified: true, updatedAt: stamp(n).at, etag: stamp(n).etag };
}

/** Token issuing (compare-and-set), `latestToken`, `verifyEmail` and `purgeExpired`. */
export const tokenChecks = group("tokens", {
  "issueToken is a compare-and-set on the newest token of a subject and purpose": async (store) => {
    const first = token("hash-1", "verify", T1, "u1", { issuedAt: NOW - 5000 });
    const second = token("hash-2", "verify", T1, "u1", { issuedAt: NOW - 1000 });
    assertEqual(await store.issueToken(first, null), true, "no token yet and replaces is null");
    assertEqual(await store.issueToken(second, null), false, "replaces null while a token exists");
    assertEqual(await store.issueToken(second, "hash-other"), false, "replaces names another token");
    assertEqual(await store.latestToken("verify", "u1"), first, "a failed issue changes nothing");
    assertEqual(await store.issueToken(second, "hash-1"), true, "replaces names the newest token");
    assertEqual(await store.latestToken("verify", "u1"), second, "the new token is the newest");
    assertEqual(await store.issueToken(first, "hash-1"), false, "the replaced token is no longer newest");
    const other = token("hash-3", "confirm", T1, "u1");
    assertEqual(await store.issueToken(other, null), true, "another purpose of the subject is separate");
    assertEqual(await store.issueToken(token("hash-4", "verify", T1, "u2"), null), true, "another subject");
  },

  "latestToken returns the newest token, live or expired, per purpose and subject": async (store) => {
    const dead = token("hash-1", "verify", T1, "u1", { issuedAt: NOW - 2 * DAY, expiresAt: NOW - DAY });
    assertEqual(await store.latestToken("verify", "u1"), null, "none yet");
    assertEqual(await store.issueToken(dead, null), true, "setup");
    assertEqual(await store.latestToken("verify", "u1"), dead, "an expired token is still returned");
    assertEqual(await store.latestToken("confirm", "u1"), null, "per purpose");
    assertEqual(await store.latestToken("verify", "u2"), null, "per subject");
  },

  "a re-issued confirmation token replaces the claim's first token": async (store) => {
    const claim = claimFor("c1", fullUser("u1", T1, "a@example.com", "a"));
    await store.insertClaim(claim, token("hash-1", "confirm", T1, "c1"), KEEP);
    const fresh = token("hash-2", "confirm", T1, "c1", { issuedAt: NOW });
    assertEqual(await store.issueToken(fresh, "hash-1"), true, "replacing the first token");
    assertEqual(await newestLiveClaim(store, T1, "a@example.com", NOW), { claim, token: fresh }, "new token");
    assertEqual(await store.confirmClaim(redemption("hash-1", T1)), INVALID, "the old token is dead");
    assertEqual((await store.confirmClaim(redemption("hash-2", T1))).ok, true, "the new token confirms");
  },

  "verifyEmail sets emailVerified, updatedAt and etag, exactly once": async (store) => {
    const user = fullUser("u1", T1, "a@example.com", "a");
    assertEqual(await store.insertUser(user), { ok: true }, "setup");
    assertEqual(await store.issueToken(token("hash-1", "verify", T1, "u1"), null), true, "setup");
    const result = await store.verifyEmail(redemption("hash-1", T1));
    assertEqual(result, { ok: true, user: verified(user) }, "verifyEmail returns the updated user");
    assertEqual(await store.getUser("u1"), verified(user), "the update is stored; createdAt is kept");
    assertEqual(await store.latestToken("verify", "u1"), null, "the token is consumed");
    assertEqual(await store.verifyEmail(redemption("hash-1", T1, NOW, 2)), INVALID, "a used token");
    assertEqual(await store.getUser("u1"), verified(user), "the second attempt changed nothing");
  },

  "verifyEmail: expired, wrong tenant, unknown and orphaned tokens fail and change nothing": async (
    store,
  ) => {
    const user = fullUser("u1", T1, "a@example.com", "a");
    assertEqual(await store.insertUser(user), { ok: true }, "setup");
    const dying = token("hash-1", "verify", T1, "u1", { expiresAt: NOW });
    assertEqual(await store.issueToken(dying, null), true, "setup");
    assertEqual(await store.verifyEmail(redemption("hash-1", T1, NOW)), EXPIRED, "expiresAt == now");
    assertEqual(await store.verifyEmail(redemption("hash-1", T2, NOW - 1)), INVALID, "another tenant");
    assertEqual(await store.verifyEmail(redemption("hash-x", T1, NOW - 1)), INVALID, "unknown token");
    assertEqual(await store.getUser("u1"), user, "the user is unchanged");
    const result = await store.verifyEmail(redemption("hash-1", T1, NOW - 1));
    assertEqual(result, { ok: true, user: verified(user) }, "the failed attempts consumed nothing");
    assertEqual(await store.issueToken(token("hash-2", "verify", T1, "ghost"), null), true, "setup");
    assertEqual(await store.verifyEmail(redemption("hash-2", T1)), INVALID, "a token whose user is gone");
  },

  "purgeExpired removes expired tokens and the claims left without a live token": async (store) => {
    const past = { issuedAt: NOW - 2 * DAY, expiresAt: NOW - DAY };
    await store.insertClaim(
      claimFor("dead", fullUser("u1", T1, "a@example.com", "a")),
      token("hash-dead", "confirm", T1, "dead", past),
      KEEP,
    );
    await store.insertClaim(
      claimFor("edge", fullUser("u2", T1, "b@example.com", "b")),
      token("hash-edge", "confirm", T1, "edge", { expiresAt: NOW }),
      KEEP,
    );
    await store.insertClaim(
      claimFor("live", fullUser("u3", T2, "c@example.com", "c")),
      token("hash-live", "confirm", T2, "live"),
      KEEP,
    );
    assertEqual(await store.insertUser(fullUser("v1", T1, "v@example.com", "v")), { ok: true }, "setup");
    assertEqual(await store.insertUser(fullUser("v2", T1, "w@example.com", "w")), { ok: true }, "setup");
    assertEqual(await store.issueToken(token("hash-v1", "verify", T1, "v1", past), null), true, "setup");
    assertEqual(await store.issueToken(token("hash-v2", "verify", T1, "v2"), null), true, "setup");

    assertEqual(await store.purgeExpired(NOW), { claims: 2, tokens: 3 }, "two claims and three tokens");
    assertEqual(await store.purgeExpired(NOW), { claims: 0, tokens: 0 }, "nothing is left to purge");
    assertEqual(await store.latestToken("confirm", "dead"), null, "the expired confirm token is gone");
    assertEqual(await store.latestToken("verify", "v1"), null, "the expired verify token is gone");
    assertEqual(await newestLiveClaim(store, T1, "b@example.com", NOW - 1), null, "the edge claim is gone");
    assertEqual((await store.confirmClaim(redemption("hash-live", T2))).ok, true, "the live claim stays");
    assertEqual((await store.verifyEmail(redemption("hash-v2", T1))).ok, true, "the live verify token stays");
  },
});
