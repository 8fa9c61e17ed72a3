import type { UserRecord } from "../../model/user.js";
import type { PendingClaim, UserStore } from "../../ports/user-store.js";
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

/** The user a confirmation of `claim` creates with `stamp(n)`. */
function stamped(claim: PendingClaim, n = 1): UserRecord {
  const { at, etag } = stamp(n);
  return { ...claim.user, createdAt: at, updatedAt: at, etag };
}

async function pending(store: UserStore, id: string, user: UserRecord, createdAt?: number) {
  const claim = claimFor(id, user, createdAt);
  const first = token(`hash-${id}`, "confirm", user.tenant, id);
  await store.insertClaim(claim, first, KEEP);
  return { claim, token: first };
}

/** Confirm-before-create: claims, their confirmation tokens, and `confirmClaim`. */
export const claimChecks = group("claims", {
  "stores a claim with its first token and creates no user yet": async (store) => {
    const { claim, token: first } = await pending(store, "c1", fullUser("u1", T1, "Alice@Example.com", "al"));
    const found = await newestLiveClaim(store, T1, "alice@example.com", NOW);
    assertEqual(found, { claim, token: first }, "findLatestClaim returns the claim and its token as stored");
    assertEqual(await store.latestToken("confirm", "c1"), first, "latestToken returns the claim's token");
    assertEqual(await store.getUser("u1"), null, "a claim is not a user");
    assertEqual(await store.findUserByEmail(T1, "alice@example.com"), null, "nor is its address taken");
    assertEqual(await newestLiveClaim(store, T2, "alice@example.com", NOW), null, "claims are per tenant");
  },

  "confirms a claim: creates the stamped user, removes the claim and consumes the token": async (store) => {
    const { claim } = await pending(store, "c1", fullUser("u1", T1, "a@example.com", "a"));
    const result = await store.confirmClaim(redemption("hash-c1", T1));
    assertEqual(result, { ok: true, user: stamped(claim) }, "confirmClaim returns the stamped user");
    assertEqual(await store.getUser("u1"), stamped(claim), "the user is stored with the stamp");
    assertEqual(await store.findUserByUsername(T1, "a"), stamped(claim), "under its username key too");
    assertEqual(await newestLiveClaim(store, T1, "a@example.com", NOW), null, "the claim is gone");
    assertEqual(await store.latestToken("confirm", "c1"), null, "its token is gone");
    assertEqual(await store.confirmClaim(redemption("hash-c1", T1)), INVALID, "a used token is invalid");
  },

  "removes the tenant's other claims for the same email key on confirmation": async (store) => {
    await pending(store, "c1", fullUser("u1", T1, "a@example.com", "one"));
    await pending(store, "c2", fullUser("u2", T1, "A@example.com", "two"));
    const elsewhere = await pending(store, "c3", fullUser("u3", T2, "a@example.com", "three"));
    const other = await pending(store, "c4", fullUser("u4", T1, "b@example.com", "four"));
    assertEqual((await store.confirmClaim(redemption("hash-c1", T1))).ok, true, "the first claim confirms");
    assertEqual(await store.confirmClaim(redemption("hash-c2", T1)), INVALID, "its sibling claim is gone");
    assertEqual(await store.getUser("u2"), null, "the sibling created no user");
    assertEqual(await store.latestToken("confirm", "c2"), null, "the sibling's token is gone");
    assertEqual(
      await newestLiveClaim(store, T2, "a@example.com", NOW),
      elsewhere,
      "another tenant's claim for the address stays",
    );
    const result = await store.confirmClaim(redemption("hash-c4", T1, NOW, 2));
    assertEqual(result, { ok: true, user: stamped(other.claim, 2) }, "a claim for another address stays");
  },

  "reports a taken key as a conflict, removes the claim and inserts nothing": async (store) => {
    assertEqual(await store.insertUser(fullUser("u0", T1, "a@example.com", "zero")), { ok: true }, "setup");
    const cases = [
      { id: "c1", user: fullUser("u1", T1, "a@example.com", "one"), conflict: "email" },
      { id: "c2", user: fullUser("u2", T1, "b@example.com", "zero"), conflict: "username" },
      { id: "c3", user: fullUser("u0", T2, "c@example.com", "three"), conflict: "id" },
    ] as const;
    for (const { id, user, conflict } of cases) {
      await pending(store, id, user);
      const result = await store.confirmClaim(redemption(`hash-${id}`, user.tenant));
      assertEqual(result, { ok: false, reason: "conflict", conflict }, `confirming ${id}`);
      assertEqual(
        await newestLiveClaim(store, user.tenant, user.emailKey as string, NOW),
        null,
        "claim gone",
      );
      assertEqual(await store.confirmClaim(redemption(`hash-${id}`, user.tenant)), INVALID, "token gone");
    }
    assertEqual(await store.getUser("u1"), null, "nothing inserted for the email conflict");
    assertEqual(await store.getUser("u2"), null, "nothing inserted for the username conflict");
    assertEqual((await store.getUser("u0"))?.tenant, T1, "the id's owner is untouched");
  },

  "reports a token at or past its expiresAt as expired and creates nothing": async (store) => {
    await store.insertClaim(
      claimFor("c1", fullUser("u1", T1, "a@example.com", "a")),
      token("hash-c1", "confirm", T1, "c1", { issuedAt: NOW - DAY, expiresAt: NOW }),
      KEEP,
    );
    assertEqual(await store.confirmClaim(redemption("hash-c1", T1, NOW)), EXPIRED, "expiresAt == now");
    assertEqual(await store.confirmClaim(redemption("hash-c1", T1, NOW + 1)), EXPIRED, "after expiresAt");
    assertEqual(await store.getUser("u1"), null, "no user was created");
    assertEqual(await newestLiveClaim(store, T1, "a@example.com", NOW), null, "a dead token is not live");
    const live = await newestLiveClaim(store, T1, "a@example.com", NOW - 1);
    assertEqual(live?.claim.id, "c1", "a millisecond earlier it was live");
  },

  "rejects unknown, wrong-tenant, wrong-purpose and used tokens as invalid": async (store) => {
    const { claim } = await pending(store, "c1", fullUser("u1", T1, "a@example.com", "a"));
    assertEqual(await store.insertUser(fullUser("v1", T1, "v@example.com", "v")), { ok: true }, "setup");
    assertEqual(await store.issueToken(token("hash-v1", "verify", T1, "v1"), null), true, "setup");
    assertEqual(await store.confirmClaim(redemption("hash-unknown", T1)), INVALID, "unknown token");
    assertEqual(await store.confirmClaim(redemption("hash-c1", T2)), INVALID, "token of another tenant");
    assertEqual(await store.verifyEmail(redemption("hash-c1", T1)), INVALID, "confirm token to verifyEmail");
    assertEqual(await store.confirmClaim(redemption("hash-v1", T1)), INVALID, "verify token to confirmClaim");
    const result = await store.confirmClaim(redemption("hash-c1", T1));
    assertEqual(result, { ok: true, user: stamped(claim) }, "the failed attempts did not consume the token");
    assertEqual((await store.verifyEmail(redemption("hash-v1", T1))).ok, true, "nor the verify token");
    assertEqual(await store.confirmClaim(redemption("hash-c1", T1)), INVALID, "a used token");
  },

  "finds the newest claim that still has a live token": async (store) => {
    const older = await pending(store, "c1", fullUser("u1", T1, "a@example.com", "one"), NOW - 3000);
    const newer = claimFor("c2", fullUser("u2", T1, "a@example.com", "two"), NOW - 2000);
    const shortLived = token("hash-c2", "confirm", T1, "c2", { expiresAt: NOW + 1000 });
    await store.insertClaim(newer, shortLived, KEEP);
    await pending(store, "c3", fullUser("u3", T2, "a@example.com", "three"), NOW - 1000);
    const key = "a@example.com";
    assertEqual(await newestLiveClaim(store, T1, key, NOW), { claim: newer, token: shortLived }, "newest");
    assertEqual(await newestLiveClaim(store, T1, key, NOW + 1000), older, "newest whose token is live");
    assertEqual(await newestLiveClaim(store, T1, key, NOW + DAY), null, "none live");
    assertEqual(await newestLiveClaim(store, T1, "b@example.com", NOW), null, "another address");
  },

  "deleteClaim removes a claim and its tokens; an unknown id is fine": async (store) => {
    await pending(store, "c1", fullUser("u1", T1, "a@example.com", "a"));
    await store.deleteClaim("c1");
    assertEqual(await newestLiveClaim(store, T1, "a@example.com", NOW), null, "the claim is gone");
    assertEqual(await store.latestToken("confirm", "c1"), null, "its token is gone");
    assertEqual(await store.confirmClaim(redemption("hash-c1", T1)), INVALID, "its token no longer confirms");
    await store.deleteClaim("no-such-claim");
  },
});
