import type { UserStore } from "signupkit";
import { createMemoryStore, userStoreChecks } from "signupkit/testing";
import { describe, expect, it } from "vitest";

/** Runs the named check of the kit on `store`. */
function check(name: string, store: UserStore): Promise<void> {
  const found = userStoreChecks.find((c) => c.name.startsWith(name));
  if (found === undefined) throw new Error(`no check named ${name}`);
  return found.run(store);
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Each broken store must fail the check written for its fault (and the real memory store passes it). */
const faults: { fault: string; check: string; make: () => UserStore }[] = [
  {
    fault: "checks, then inserts after an await (no uniqueness in the write)",
    check: "200 simultaneous inserts",
    make() {
      const inner = createMemoryStore();
      return {
        ...inner,
        async insertUser(user) {
          if (user.emailKey && (await inner.findUserByEmail(user.tenant, user.emailKey))) {
            return { ok: false, conflict: "email" };
          }
          await tick();
          // The write itself enforces nothing (as a table without a unique constraint would not).
          return inner.insertUser({ ...user, emailKey: `${user.emailKey}#${user.id}` });
        },
      };
    },
  },
  {
    fault: "hands out its stored objects",
    check: "returns copies",
    make() {
      const inner = createMemoryStore();
      const seen = new Map<string, Awaited<ReturnType<UserStore["getUser"]>>>();
      const shared = async (id: string | undefined) => {
        if (id === undefined) return null;
        if (!seen.has(id)) seen.set(id, await inner.getUser(id));
        return seen.get(id) ?? null;
      };
      return {
        ...inner,
        getUser: shared,
        findUserByEmail: async (t, k) => shared((await inner.findUserByEmail(t, k))?.id),
      };
    },
  },
  {
    fault: "replaces a password hash without comparing it first",
    check: "changes nothing when the stored hash is not the expected one",
    make() {
      const inner = createMemoryStore();
      return {
        ...inner,
        async replacePasswordHash(userId, _expected, newHash) {
          const stored = await inner.getUser(userId);
          return (
            stored?.passwordHash !== undefined &&
            inner.replacePasswordHash(userId, stored.passwordHash, newHash)
          );
        },
      };
    },
  },
  {
    fault: "checks the hash, then replaces it after an await",
    check: "lets exactly one of 20 simultaneous replacements",
    make() {
      const inner = createMemoryStore();
      return {
        ...inner,
        async replacePasswordHash(userId, expected, newHash) {
          if ((await inner.getUser(userId))?.passwordHash !== expected) return false;
          await tick();
          const stored = (await inner.getUser(userId))?.passwordHash as string;
          return inner.replacePasswordHash(userId, stored, newHash);
        },
      };
    },
  },
  {
    fault: "ignores the tenant of a redemption",
    check: "rejects unknown, wrong-tenant",
    make() {
      const inner = createMemoryStore();
      return { ...inner, confirmClaim: (r) => inner.confirmClaim({ ...r, tenant: "tenant-one" }) };
    },
  },
  {
    fault: "treats a token as live at its expiresAt",
    check: "reports a token at or past its expiresAt",
    make() {
      const inner = createMemoryStore();
      return { ...inner, confirmClaim: (r) => inner.confirmClaim({ ...r, now: r.now - 1 }) };
    },
  },
  {
    fault: "folds keys again (case-insensitive comparison)",
    check: "compares keys exactly as given",
    make() {
      const inner = createMemoryStore();
      return {
        ...inner,
        insertUser: (user) => inner.insertUser({ ...user, emailKey: user.emailKey?.toLowerCase() as string }),
      };
    },
  },
];

describe("the conformance kit catches broken stores", () => {
  for (const { fault, check: name, make } of faults) {
    it(`a store that ${fault} fails "${name}"`, async () => {
      await check(name, createMemoryStore());
      await expect(check(name, make())).rejects.toThrow();
    });
  }
});
