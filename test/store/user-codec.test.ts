import { describe, expect, it } from "vitest";
import { decodeUser, encodeUser } from "../../src/adapters/memory/user-codec.js";
import { fullUser, minimalUser, T1 } from "../../src/testing/fixtures.js";

describe("the memory store's record encoding", () => {
  it("gives back a record with every field, nested metadata included", () => {
    const user = fullUser("01J0000000000000000000000A", T1, "Taro@Example.com", "taro");
    expect(decodeUser(encodeUser(user))).toStrictEqual(user);
  });

  it("keeps absent optional fields absent and null where the record says null", () => {
    const user = minimalUser("01J0000000000000000000000B", T1);
    const back = decodeUser(encodeUser(user));
    expect(back).toStrictEqual(user);
    expect(Object.hasOwn(back, "email")).toBe(false);
    expect(back.primaryLinkedUserId).toBeNull();
  });

  it("writes values only, so the text stays short", () => {
    const user = fullUser("01J0000000000000000000000C", T1, "a@example.com", "a");
    expect(encodeUser(user).length).toBeLessThan(JSON.stringify(user).length * 0.75);
    expect(encodeUser(user)).not.toContain('"emailKey"');
  });
});
