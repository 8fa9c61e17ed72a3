import type { UserStore } from "../../ports/user-store.js";
import { assertEqual } from "../assert.js";
import { group } from "../check.js";
import {
  claimFor,
  DAY,
  EXPIRED,
  emailUser,
  fullUser,
  INVALID,
  KEEP,
  minimalUser,
  NOW,
  redemption,
  T1,
  T2,
  token,
} from "../fixtures.js";

const HASH = fullUser("x", T1, "x@example.com", "x").passwordHash as string;

/** Claim `c<n>` for `email`, created `n` seconds after a fixed instant, with token `hash-c<n>`. */
async function claimAt(store: UserStore, n: number, email: string, keep: number, tenant = T1) {
  const claim = claimFor(`c${n}`, emailUser(`u${n}`, tenant, email), NOW - 100_000 + n * 1000);
  await store.insertClaim(claim, token(`hash-c${n}`, "confirm", tenant, `c${n}`), keep);
  return claim;
}

const ids = async (store: UserStore, tenant: string, key: string, limit = 100) =>
  (await store.findLiveClaims(tenant, key, NOW, limit)).map((live) => live.claim.id);

/** Claims per address bounded by `insertClaim`'s `keep`; `findLiveClaims`; `peekToken`; `recordFailedAttempt`. */
export const linkGuardChecks = group("link guards", {
  "insertClaim keeps the new claim and the keep - 1 newest others of the address": async (store) => {
    for (let n = 1; n <= 5; n++) await claimAt(store, n, "a@example.com", 3);
    await claimAt(store, 6, "a@example.com", 3, T2);
    await claimAt(store, 7, "b@example.com", 3);
    assertEqual(await ids(store, T1, "a@example.com"), ["c5", "c4", "c3"], "the three newest stay");
    assertEqual(
      await store.confirmClaim(redemption("hash-c1", T1)),
      INVALID,
      "a pruned claim's token is dead",
    );
    assertEqual(await store.latestToken("confirm", "c2"), null, "pruned claims lose their tokens");
    assertEqual(await ids(store, T2, "a@example.com"), ["c6"], "another tenant's claims are apart");
    assertEqual(await ids(store, T1, "b@example.com"), ["c7"], "another address's claims are apart");
    await claimAt(store, 8, "a@example.com", 1);
    assertEqual(await ids(store, T1, "a@example.com"), ["c8"], "keep 1 leaves only the new claim");
    const bare = claimFor("bare", minimalUser("ub", T1));
    await store.insertClaim(bare, token("hash-bare", "confirm", T1, "bare"), 1);
    assertEqual(await ids(store, T1, "a@example.com"), ["c8"], "a claim without an email key prunes nothing");
    assertEqual((await store.confirmClaim(redemption("hash-bare", T1))).ok, true, "and is stored");
  },

  "findLiveClaims: newest first, at most limit, live tokens only": async (store) => {
    for (let n = 1; n <= 4; n++) await claimAt(store, n, "a@example.com", KEEP);
    await store.insertClaim(
      claimFor("c9", emailUser("u9", T1, "a@example.com"), NOW),
      token("hash-c9", "confirm", T1, "c9", { expiresAt: NOW }),
      KEEP,
    );
    const found = await store.findLiveClaims(T1, "a@example.com", NOW, 2);
    assertEqual(
      found.map((live) => [live.claim.id, live.token.hash]),
      [
        ["c4", "hash-c4"],
        ["c3", "hash-c3"],
      ],
      "the two newest live claims with their tokens",
    );
    assertEqual(await ids(store, T1, "a@example.com"), ["c4", "c3", "c2", "c1"], "an expired token hides c9");
    assertEqual(await ids(store, T1, "z@example.com"), [], "none for an unknown address");
  },

  "peekToken reads the protected password hash and consumes nothing": async (store) => {
    const claim = claimFor("c1", fullUser("u1", T1, "a@example.com", "a"));
    const first = token("hash-c1", "confirm", T1, "c1");
    await store.insertClaim(claim, first, KEEP);
    const peek = { tokenHash: "hash-c1", tenant: T1, purpose: "confirm", now: NOW } as const;
    assertEqual(
      await store.peekToken(peek),
      { ok: true, token: first, passwordHash: HASH },
      "the claim's hash",
    );
    assertEqual(await store.peekToken({ ...peek, tenant: T2 }), INVALID, "another tenant");
    assertEqual(await store.peekToken({ ...peek, purpose: "verify" }), INVALID, "another purpose");
    assertEqual(await store.peekToken({ ...peek, tokenHash: "hash-x" }), INVALID, "unknown token");
    assertEqual(await store.peekToken({ ...peek, now: NOW + 2 * DAY }), EXPIRED, "expired");
    assertEqual((await store.confirmClaim(redemption("hash-c1", T1))).ok, true, "peeking consumed nothing");

    assertEqual(await store.insertUser(fullUser("v1", T1, "v@example.com", "v")), { ok: true }, "setup");
    assertEqual(await store.insertUser(minimalUser("v2", T1)), { ok: true }, "setup");
    const verify = token("hash-v1", "verify", T1, "v1");
    assertEqual(await store.issueToken(verify, null), true, "setup");
    assertEqual(await store.issueToken(token("hash-v2", "verify", T1, "v2"), null), true, "setup");
    assertEqual(await store.issueToken(token("hash-v3", "verify", T1, "ghost"), null), true, "setup");
    const v = { tokenHash: "hash-v1", tenant: T1, purpose: "verify", now: NOW } as const;
    assertEqual(await store.peekToken(v), { ok: true, token: verify, passwordHash: HASH }, "the user's hash");
    const none = await store.peekToken({ ...v, tokenHash: "hash-v2" });
    assertEqual(none.ok && none.passwordHash, null, "a user without a password hash");
    assertEqual(await store.peekToken({ ...v, tokenHash: "hash-v3" }), INVALID, "a token whose user is gone");
    assertEqual((await store.verifyEmail(redemption("hash-v1", T1))).ok, true, "peeking consumed nothing");
  },

  "recordFailedAttempt counts atomically and removes the token at the limit": async (store) => {
    await store.insertClaim(
      claimFor("c1", fullUser("u1", T1, "a@example.com", "a")),
      token("hash-c1", "confirm", T1, "c1"),
      KEEP,
    );
    await store.insertClaim(
      claimFor("c2", fullUser("u2", T1, "b@example.com", "b")),
      token("hash-c2", "confirm", T1, "c2"),
      KEEP,
    );
    const peek = { tokenHash: "hash-c1", tenant: T1, purpose: "confirm", now: NOW } as const;
    assertEqual(await store.recordFailedAttempt("hash-c1", 3), 1, "the first wrong password");
    assertEqual(await store.recordFailedAttempt("hash-c1", 3), 2, "the second");
    const seen = await store.peekToken(peek);
    assertEqual(seen.ok && seen.token.failedAttempts, 2, "peekToken shows the count");
    assertEqual(await store.recordFailedAttempt("hash-c1", 3), 3, "the third reaches the limit");
    assertEqual(await store.peekToken(peek), INVALID, "the token is gone");
    assertEqual(await store.confirmClaim(redemption("hash-c1", T1)), INVALID, "and confirms nothing");
    assertEqual(await store.recordFailedAttempt("hash-unknown", 3), 0, "an unknown token counts nothing");

    const counts = await Promise.all(
      Array.from({ length: 20 }, () => store.recordFailedAttempt("hash-c2", 100)),
    );
    assertEqual(
      [...counts].sort((a, b) => a - b),
      Array.from({ length: 20 }, (_, i) => i + 1),
      "20 racing counts",
    );
    const fresh = token("hash-c2b", "confirm", T1, "c2", { issuedAt: NOW });
    assertEqual(await store.issueToken(fresh, "hash-c2"), true, "a re-issued token");
    const reissued = await store.peekToken({ ...peek, tokenHash: "hash-c2b" });
    assertEqual(reissued.ok && reissued.token.failedAttempts, 0, "starts at the count it is issued with");
  },
});
