import { emailKey, usernameKey } from "../../identity/canonical-keys.js";
import type { MaybePromise, UniqueField, UserStore } from "../../ports/user-store.js";
import { assertEqual, show } from "../assert.js";
import { group } from "../check.js";
import { emailUser, fullUser, T1 } from "../fixtures.js";

/** Spellings the service folds to one key; a store must make them collide because their keys are equal. */
const EMAIL_VARIANTS: [string, string][] = [
  ["alice@example.com", "ALICE@Example.COM"],
  ["jos\u00e9@example.com", "JOSE\u0301@EXAMPLE.COM"], // NFC vs NFD, and case
  ["\uff43\uff41\uff52\uff4f\uff4c@example.com", "carol@example.com"], // full-width letters
  ["bob@example.com.", "Bob@Example.com"], // trailing dot of the domain
];
const USERNAME_VARIANTS: [string, string][] = [
  ["Stra\u00dfe", "STRASSE"], // sharp s folds to ss
  ["\u212aelvin", "kelvin"], // Kelvin sign
  ["\uff55\uff53\uff45\uff52\uff11", "USER1"], // full-width
  ["Jos\u00e9", "JOSE\u0301"], // NFC vs NFD
];

async function collide(
  store: UserStore,
  field: UniqueField,
  pairs: [string, string][],
  build: (id: string, value: string) => Parameters<UserStore["insertUser"]>[0],
  find: (value: string) => MaybePromise<{ id: string } | null>,
): Promise<void> {
  for (const [i, [first, second]] of pairs.entries()) {
    const label = `${show(first)} vs ${show(second)}`;
    assertEqual(await store.insertUser(build(`a${i}`, first)), { ok: true }, `insert ${show(first)}`);
    const result = await store.insertUser(build(`b${i}`, second));
    assertEqual(result, { ok: false, conflict: field }, `${label} share a key and must collide`);
    assertEqual((await find(second))?.id, `a${i}`, `looking up ${show(second)} finds the first user`);
  }
}

/**
 * Keys are computed by the service (`emailKey()`/`usernameKey()`); the store compares them exactly as given.
 */
export const keyChecks = group("canonical keys", {
  "compares keys exactly as given, without folding them again": async (store) => {
    const nfc = "jos\u00e9@example.com";
    const nfd = "jose\u0301@example.com";
    const users = [
      { ...emailUser("k1", T1, "x"), emailKey: nfc },
      { ...emailUser("k2", T1, "x"), emailKey: nfd },
      { ...emailUser("k3", T1, "x"), emailKey: "Case@example.com" },
      { ...emailUser("k4", T1, "x"), emailKey: "case@example.com" },
    ];
    for (const user of users) {
      const result = await store.insertUser(user);
      assertEqual(result, { ok: true }, `the raw key ${show(user.emailKey)} is distinct from the others`);
    }
    assertEqual((await store.findUserByEmail(T1, nfd))?.id, "k2", "the NFD key finds its own user");
    assertEqual((await store.findUserByEmail(T1, "Case@example.com"))?.id, "k3", "keys are case-sensitive");
  },

  "collides case, NFC/NFD, full-width and trailing-dot variants of an email address": async (store) => {
    await collide(
      store,
      "email",
      EMAIL_VARIANTS,
      (id, email) => emailUser(id, T1, email),
      (email) => store.findUserByEmail(T1, emailKey(email)),
    );
  },

  "collides case, NFC/NFD, full-width and case-folding variants of a username": async (store) => {
    await collide(
      store,
      "username",
      USERNAME_VARIANTS,
      (id, username) => fullUser(id, T1, `${id}@example.com`, username),
      (username) => store.findUserByUsername(T1, usernameKey(username)),
    );
  },
});
