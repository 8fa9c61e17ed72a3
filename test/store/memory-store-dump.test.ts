import { emailKey } from "signupkit";
import { describe, expect, it } from "vitest";
import { CONFIRM, digest, makeHarness, T0, tokenOf } from "../flows/harness.js";

describe("memory store dump(): what a test author can look at", () => {
  it("shows the users signed up, as copies that change nothing in the store", async () => {
    const h = makeHarness({ t1: {} });
    await h.service.signup(
      { email: "Ann@Example.com", password: "Passw0rd!", metadata: { plan: "gold" } },
      { tenant: "t1" },
    );
    const { users, claims, tokens } = await h.store.dump(); // the harness records every store call, and answers it with a promise
    expect(claims).toEqual([]);
    expect(users).toHaveLength(1);
    const [user] = users;
    expect(user).toMatchObject({
      tenant: "t1",
      email: "Ann@Example.com",
      emailKey: emailKey("Ann@Example.com"),
    });
    expect(user?.metadata).toEqual({ plan: "gold" });
    expect(JSON.stringify(users)).not.toContain("Passw0rd!");
    expect(tokens).toEqual([]); // no verification mail configured

    // Changing the dump changes nothing held.
    (user as { email: string }).email = "changed@example.com";
    (user?.metadata as Record<string, unknown>).plan = "none";
    users.pop();
    const again = await h.store.dump(); // the harness records every store call, and answers it with a promise
    expect(again.users).toHaveLength(1);
    expect(again.users[0]).toMatchObject({ email: "Ann@Example.com", metadata: { plan: "gold" } });
    expect(await h.store.getUser(again.users[0]?.id as string)).toEqual(again.users[0]);
  });

  it("shows pending claims and the digests of their tokens, never a raw token", async () => {
    const h = makeHarness({ t1: CONFIRM });
    await h.service.signup({ email: "bo@example.com", password: "Passw0rd!" }, { tenant: "t1" });
    const { users, claims, tokens } = await h.store.dump(); // the harness records every store call, and answers it with a promise
    expect(users).toEqual([]);
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ tenant: "t1", emailKey: emailKey("bo@example.com"), createdAt: T0 });
    const raw = tokenOf(h.mails[0]);
    expect(tokens).toEqual([
      expect.objectContaining({ hash: await digest(raw), purpose: "confirm", subject: claims[0]?.id }),
    ]);
    expect(JSON.stringify({ claims, tokens })).not.toContain(raw);
    expect(JSON.stringify(claims)).not.toContain("Passw0rd!");
  });
});
