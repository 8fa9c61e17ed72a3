import { createBcryptHasher } from "signupkit/bcrypt";
import { describe, expect, it } from "vitest";

describe("bcrypt needsRehash", () => {
  const cost5 = createBcryptHasher({ cost: 5 });

  it("is false for the hasher's own hashes, plain and pre-hashed", async () => {
    expect(cost5.needsRehash?.(await cost5.hash("short password"))).toBe(false);
    const long = await cost5.hash("x".repeat(100));
    expect(long).toMatch(/^\$sk1\$\$2b\$05\$/);
    expect(cost5.needsRehash?.(long)).toBe(false);
  });

  it("is true for another cost, either way, also inside `$sk1$`", async () => {
    const cost4 = createBcryptHasher({ cost: 4 });
    const cost6 = createBcryptHasher({ cost: 6 });
    expect(cost5.needsRehash?.(await cost4.hash("short password"))).toBe(true);
    expect(cost5.needsRehash?.(await cost6.hash("short password"))).toBe(true);
    expect(cost5.needsRehash?.(await cost4.hash("y".repeat(100)))).toBe(true);
  });

  it("is true for the $2a$ and $2y$ variants and for anything that is not bcrypt", async () => {
    const own = await cost5.hash("short password");
    expect(cost5.needsRehash?.(own.replace("$2b$", "$2a$"))).toBe(true);
    expect(cost5.needsRehash?.(own.replace("$2b$", "$2y$"))).toBe(true);
    expect(cost5.needsRehash?.("$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA")).toBe(true);
    expect(cost5.needsRehash?.("$2b$05$short")).toBe(true);
    expect(cost5.needsRehash?.("$sk1$garbage")).toBe(true);
  });
});
