import { assertEqual } from "../assert.js";
import { group } from "../check.js";
import { fullUser, minimalUser, T1 } from "../fixtures.js";

const OLD = fullUser("u1", T1, "a@example.com", "a").passwordHash as string;
const NEW = "$2b$12$ABCDEFGHIJKLMNOPQRSTUuYcWmfbnYm3z0VuSVUK9J2P3QdI5mCXe";
const NEWER = "$sk1$$2b$12$ABCDEFGHIJKLMNOPQRSTUuQkP0Hc7QjK3o2cEwU8T1bLkqUhbWJ0y";

/** `replacePasswordHash`: the compare-and-set a login uses to upgrade a stored hash. */
export const passwordHashChecks = group("password hashes", {
  "replaces the hash when the expected one is stored, and nothing else of the user": async (store) => {
    await store.insertUser(fullUser("u1", T1, "a@example.com", "a"));
    assertEqual(await store.replacePasswordHash("u1", OLD, NEW), true, "the expected hash was stored");
    assertEqual(
      await store.getUser("u1"),
      { ...fullUser("u1", T1, "a@example.com", "a"), passwordHash: NEW },
      "only passwordHash changed (not updatedAt, not etag)",
    );
    assertEqual(
      (await store.findUserByEmail(T1, "a@example.com"))?.passwordHash,
      NEW,
      "lookups by key see the new hash",
    );
  },

  "changes nothing when the stored hash is not the expected one": async (store) => {
    await store.insertUser(fullUser("u1", T1, "a@example.com", "a"));
    assertEqual(await store.replacePasswordHash("u1", NEW, NEWER), false, "a stale expected hash");
    assertEqual((await store.getUser("u1"))?.passwordHash, OLD, "the stored hash is unchanged");
    assertEqual(await store.replacePasswordHash("u1", OLD, NEW), true, "then the right one");
    assertEqual(await store.replacePasswordHash("u1", OLD, NEWER), false, "the old hash is no longer stored");
    assertEqual((await store.getUser("u1"))?.passwordHash, NEW, "the first replacement stays");
  },

  "returns false for an unknown user and for a user without a password hash": async (store) => {
    await store.insertUser(minimalUser("m1", T1));
    assertEqual(await store.replacePasswordHash("nobody", OLD, NEW), false, "unknown user");
    assertEqual(await store.replacePasswordHash("m1", OLD, NEW), false, "user without a hash");
    assertEqual((await store.getUser("m1"))?.passwordHash, undefined, "no hash appeared");
  },

  "lets exactly one of 20 simultaneous replacements of one hash win": async (store) => {
    await store.insertUser(fullUser("u1", T1, "a@example.com", "a"));
    const candidates = Array.from(
      { length: 20 },
      (_, i) => `${NEW.slice(0, -2)}${String(i).padStart(2, "0")}`,
    );
    const results = await Promise.all(candidates.map((hash) => store.replacePasswordHash("u1", OLD, hash)));
    assertEqual(results.filter(Boolean).length, 1, "one compare-and-set succeeds");
    const winner = candidates[results.indexOf(true)];
    assertEqual((await store.getUser("u1"))?.passwordHash, winner, "the winner's hash is stored");
  },
});
