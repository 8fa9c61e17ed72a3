import { parseOptions, verify as rawVerify } from "@node-rs/bcrypt";
import { createBcryptHasher } from "signupkit/bcrypt";
import { describe, expect, it } from "vitest";
import { isSignupError } from "../../src/errors/signup-error.js";

const hasher = createBcryptHasher({ cost: 4 });

describe("bcrypt hasher: standard hashes", () => {
  it("hashes with the default cost 10 as a standard $2b$ hash", async () => {
    const stored = await createBcryptHasher().hash("correct horse battery staple");
    expect(stored).toMatch(/^\$2b\$10\$[./A-Za-z0-9]{53}$/);
    await expect(rawVerify("correct horse battery staple", stored)).resolves.toBe(true);
  });

  it("gives hashes that raw @node-rs/bcrypt verifies", async () => {
    const stored = await hasher.hash("Passw0rd!");
    expect(stored).toMatch(/^\$2b\$04\$[./A-Za-z0-9]{53}$/);
    await expect(rawVerify("Passw0rd!", stored)).resolves.toBe(true);
    await expect(rawVerify("Passw0rd?", stored)).resolves.toBe(false);
  });

  it("verifies its own hashes and rejects other passwords", async () => {
    const stored = await hasher.hash("Passw0rd!");
    await expect(hasher.verify("Passw0rd!", stored)).resolves.toBe(true);
    await expect(hasher.verify("passw0rd!", stored)).resolves.toBe(false);
    await expect(hasher.verify("Passw0rd", stored)).resolves.toBe(false);
    await expect(hasher.verify("", stored)).resolves.toBe(false);
  });

  it("salts every hash", async () => {
    const first = await hasher.hash("same password");
    const second = await hasher.hash("same password");
    expect(first).not.toBe(second);
    await expect(hasher.verify("same password", second)).resolves.toBe(true);
  });

  it("never puts the password into the hash", async () => {
    const stored = await hasher.hash("visible-secret-123");
    expect(stored).not.toContain("visible-secret-123");
  });
});

describe("bcrypt hasher: cost option", () => {
  it.each([4, 5, 6])("honours cost %i on both paths", async (cost) => {
    const custom = createBcryptHasher({ cost });
    const short = await custom.hash("short");
    expect(short.startsWith(`$2b$0${cost}$`)).toBe(true);
    expect(parseOptions(short)).toEqual({ version: "2b", cost });
    const long = await custom.hash("x".repeat(100));
    expect(long.startsWith(`$sk1$$2b$0${cost}$`)).toBe(true);
    expect(parseOptions(long.slice("$sk1$".length))).toEqual({ version: "2b", cost });
  });

  it("treats an undefined cost as the default", async () => {
    expect((await createBcryptHasher({ cost: undefined }).hash("pw")).startsWith("$2b$10$")).toBe(true);
  });

  it.each([3, 32, 0, -1, 10.5, Number.NaN, Number.POSITIVE_INFINITY])("rejects cost %s", (cost) => {
    let thrown: unknown;
    try {
      createBcryptHasher({ cost });
    } catch (error) {
      thrown = error;
    }
    expect(isSignupError(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: "invalid_config", status: 500 });
  });

  it("rejects a cost that is not a number", () => {
    expect(() => createBcryptHasher({ cost: "10" as unknown as number })).toThrow(/bcrypt cost/);
  });
});
