import type { UserStore } from "../../ports/user-store.js";
import { assert, assertEqual } from "../assert.js";
import { group } from "../check.js";
import { emailUser, fullUser, minimalUser, T1, T2 } from "../fixtures.js";

async function inserted(store: UserStore, ...users: Parameters<UserStore["insertUser"]>[0][]) {
  for (const user of users) {
    assertEqual(await store.insertUser(user), { ok: true }, `insertUser(${user.id}) should succeed`);
  }
}

/** Inserting and reading users; the three unique keys and their scopes. */
export const userChecks = group("users", {
  "inserts a user and reads it back by id, email key and username key": async (store) => {
    const user = fullUser("u1", T1, "Alice@Example.com", "Alice");
    await inserted(store, user);
    const expected = fullUser("u1", T1, "Alice@Example.com", "Alice");
    assertEqual(await store.getUser("u1"), expected, "getUser returns the record as inserted");
    assertEqual(
      await store.findUserByEmail(T1, "alice@example.com"),
      expected,
      "findUserByEmail returns the record as inserted",
    );
    assertEqual(
      await store.findUserByUsername(T1, "alice"),
      expected,
      "findUserByUsername returns the record as inserted",
    );
  },

  "keeps absent optional fields absent (a minimal client-certificate user)": async (store) => {
    await inserted(store, minimalUser("m1", T1));
    assertEqual(await store.getUser("m1"), minimalUser("m1", T1), "no optional field appears on read");
  },

  "returns copies: changing a returned or an inserted record changes nothing stored": async (store) => {
    const user = fullUser("u1", T1, "a@example.com", "a");
    await inserted(store, user);
    user.name = "changed after insert";
    (user.metadata.nested as Record<string, unknown>).text = "changed after insert";
    const first = await store.getUser("u1");
    assert(first !== null, "getUser finds the user");
    first.name = "changed after read";
    first.metadata.plan = "changed after read";
    (first.metadata.nested as Record<string, unknown>).text = "changed after read";
    const again = await store.findUserByEmail(T1, "a@example.com");
    assertEqual(again, fullUser("u1", T1, "a@example.com", "a"), "the stored record is unchanged");
  },

  "returns null for unknown ids and keys, and for the keys of another tenant": async (store) => {
    await inserted(store, fullUser("u1", T1, "a@example.com", "a"));
    assertEqual(await store.getUser("nobody"), null, "getUser(unknown)");
    assertEqual(await store.findUserByEmail(T1, "b@example.com"), null, "findUserByEmail(unknown)");
    assertEqual(await store.findUserByUsername(T1, "b"), null, "findUserByUsername(unknown)");
    assertEqual(await store.findUserByEmail(T2, "a@example.com"), null, "email key of another tenant");
    assertEqual(await store.findUserByUsername(T2, "a"), null, "username key of another tenant");
  },

  "reports an id conflict, also across tenants": async (store) => {
    await inserted(store, fullUser("u1", T1, "a@example.com", "a"));
    const sameTenant = await store.insertUser(fullUser("u1", T1, "b@example.com", "b"));
    assertEqual(sameTenant, { ok: false, conflict: "id" }, "same id in the same tenant");
    const otherTenant = await store.insertUser(fullUser("u1", T2, "c@example.com", "c"));
    assertEqual(otherTenant, { ok: false, conflict: "id" }, "same id in another tenant");
  },

  "reports an email conflict within a tenant": async (store) => {
    await inserted(store, fullUser("u1", T1, "a@example.com", "a"));
    const result = await store.insertUser(fullUser("u2", T1, "a@example.com", "b"));
    assertEqual(result, { ok: false, conflict: "email" }, "same email key in the tenant");
  },

  "reports a username conflict within a tenant": async (store) => {
    await inserted(store, fullUser("u1", T1, "a@example.com", "a"));
    const result = await store.insertUser(fullUser("u2", T1, "b@example.com", "a"));
    assertEqual(result, { ok: false, conflict: "username" }, "same username key in the tenant");
  },

  "accepts the same email and username keys in another tenant": async (store) => {
    await inserted(store, fullUser("u1", T1, "a@example.com", "a"), fullUser("u2", T2, "a@example.com", "a"));
    assertEqual((await store.findUserByEmail(T1, "a@example.com"))?.id, "u1", "tenant one keeps its user");
    assertEqual((await store.findUserByEmail(T2, "a@example.com"))?.id, "u2", "tenant two has its own");
    assertEqual((await store.findUserByUsername(T2, "a"))?.id, "u2", "username lookup per tenant");
  },

  "stores nothing for an insert that conflicts": async (store) => {
    await inserted(store, fullUser("u1", T1, "a@example.com", "a"));
    const clash = await store.insertUser(fullUser("u2", T1, "a@example.com", "fresh"));
    assertEqual(clash, { ok: false, conflict: "email" }, "the email key is taken");
    assertEqual(await store.getUser("u2"), null, "the conflicting user was not stored");
    assertEqual(await store.findUserByUsername(T1, "fresh"), null, "its username was not claimed");
    await inserted(store, fullUser("u2", T1, "b@example.com", "fresh"));
  },

  "allows any number of users without an email or username key": async (store) => {
    await inserted(store, minimalUser("m1", T1), minimalUser("m2", T1), emailUser("e1", T1, "x@example.com"));
    await inserted(store, emailUser("e2", T1, "y@example.com"));
    assertEqual((await store.getUser("m2"))?.id, "m2", "second user without keys");
    assertEqual((await store.getUser("e2"))?.id, "e2", "second user without a username key");
  },
});
