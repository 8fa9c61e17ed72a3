import { emailKey } from "../../identity/canonical-keys.js";
import type { UserStore } from "../../ports/user-store.js";
import { assert, assertEqual, show } from "../assert.js";
import { group } from "../check.js";
import {
  claimFor,
  emailUser,
  fullUser,
  KEEP,
  NOW,
  newestLiveClaim,
  redemption,
  T1,
  token,
} from "../fixtures.js";

/** Case variants of one address: all share the key `race@example.com`. */
function variant(i: number): string {
  const local = [..."race"].map((c, j) => ((i >> j) & 1 ? c.toUpperCase() : c)).join("");
  return `${local}@${i % 2 === 0 ? "example.com" : "EXAMPLE.com"}`;
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/**
 * Calls fired at once. A store that checks and then writes without isolation fails these even in one process:
 * every check awaits all its calls together.
 */
export const concurrencyChecks = group("concurrency", {
  "200 simultaneous inserts of one email key: exactly one succeeds, 199 conflict on email": async (store) => {
    const users = Array.from({ length: 200 }, (_, i) => emailUser(`race-${i}`, T1, variant(i)));
    assert(
      users.every((u) => u.emailKey === emailKey("race@example.com")),
      "all variants share one key",
    );
    const results = await Promise.all(users.map((user) => store.insertUser(user)));
    const counts = countBy(results, (r) => (r.ok ? "ok" : r.conflict));
    assertEqual(counts, { ok: 1, email: 199 }, "outcomes of 200 inserts");
    const winner = users[results.findIndex((r) => r.ok)];
    const stored = await store.findUserByEmail(T1, "race@example.com");
    assertEqual(stored?.id, winner?.id, "the stored user is the one whose insert succeeded");
  },

  "20 simultaneous confirmations of one token create exactly one user": async (store) => {
    const user = fullUser("u1", T1, "a@example.com", "a");
    await store.insertClaim(claimFor("c1", user), token("hash-c1", "confirm", T1, "c1"), KEEP);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.confirmClaim(redemption("hash-c1", T1, NOW, i))),
    );
    const counts = countBy(results, (r) => (r.ok ? "ok" : r.reason));
    assertEqual(counts, { ok: 1, invalid: 19 }, `outcomes of 20 confirmations: ${show(counts)}`);
    const winner = results.find((r) => r.ok);
    assertEqual(await store.getUser("u1"), winner?.ok ? winner.user : null, "one user, as returned");
  },

  "simultaneous confirmations of several claims for one address create exactly one user": async (store) => {
    const claims = Array.from({ length: 10 }, (_, i) =>
      claimFor(`c${i}`, fullUser(`u${i}`, T1, variant(i), `user${i}`)),
    );
    for (const claim of claims)
      await store.insertClaim(claim, token(`hash-${claim.id}`, "confirm", T1, claim.id), KEEP);
    const results = await Promise.all(
      claims.map((claim, i) => store.confirmClaim(redemption(`hash-${claim.id}`, T1, NOW, i))),
    );
    const winners = results.filter((r) => r.ok);
    assertEqual(winners.length, 1, `exactly one confirmation wins: ${show(results)}`);
    for (const r of results) {
      assert(r.ok || r.reason === "invalid" || r.reason === "conflict", `a loser fails cleanly: ${show(r)}`);
    }
    const stored = await store.findUserByEmail(T1, "race@example.com");
    assertEqual(stored, winners[0]?.ok ? winners[0].user : null, "the address has the winner's user");
    assertEqual(await newestLiveClaim(store, T1, "race@example.com", NOW), null, "no claim is left");
  },

  "20 simultaneous verifications of one token succeed exactly once": async (store) => {
    assertEqual(await store.insertUser(fullUser("u1", T1, "a@example.com", "a")), { ok: true }, "setup");
    assertEqual(await store.issueToken(token("hash-v", "verify", T1, "u1"), null), true, "setup");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.verifyEmail(redemption("hash-v", T1, NOW, i))),
    );
    const counts = countBy(results, (r) => (r.ok ? "ok" : r.reason));
    assertEqual(counts, { ok: 1, invalid: 19 }, "outcomes of 20 verifications");
    const winner = results.find((r) => r.ok);
    assertEqual(
      await store.getUser("u1"),
      winner?.ok ? winner.user : null,
      "the stored user is the winner's",
    );
  },

  "simultaneous compare-and-set issues with one expectation: exactly one wins": async (store: UserStore) => {
    assertEqual(await store.issueToken(token("hash-0", "verify", T1, "u1"), null), true, "setup");
    const replacing = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.issueToken(token(`hash-a${i}`, "verify", T1, "u1"), "hash-0"),
      ),
    );
    assertEqual(replacing.filter(Boolean).length, 1, "one replacement of hash-0 wins");
    const fresh = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.issueToken(token(`hash-b${i}`, "verify", T1, "u2"), null)),
    );
    assertEqual(fresh.filter(Boolean).length, 1, "one first token for a subject wins");
    const winner = replacing.findIndex(Boolean);
    assertEqual((await store.latestToken("verify", "u1"))?.hash, `hash-a${winner}`, "the winner is stored");
  },
});
