import { pbkdf2Sync } from "node:crypto";
import { isSignupError } from "signupkit";
import { createPbkdf2Hasher, DEFAULT_PBKDF2_ITERATIONS } from "signupkit/pbkdf2";
import { describe, expect, it } from "vitest";

const FORMAT = /^\$pbkdf2-sha256\$i=(\d+)\$([A-Za-z0-9+/]{22})\$([A-Za-z0-9+/]{43})$/;
const fast = createPbkdf2Hasher({ iterations: 1_000 });

/** Recomputes a stored hash with Node's own PBKDF2 (an independent implementation). */
function recompute(password: string, stored: string): string {
  const [, iterations, salt, hash] = FORMAT.exec(stored) as RegExpExecArray;
  const derived = pbkdf2Sync(
    password,
    Buffer.from(salt as string, "base64"),
    Number(iterations),
    32,
    "sha256",
  );
  expect(derived.toString("base64").replace(/=+$/, "")).toBe(hash);
  return hash as string;
}

describe("createPbkdf2Hasher", () => {
  it("writes a self-describing PHC string at OWASP's 600,000 iterations by default, which verifies", async () => {
    expect(DEFAULT_PBKDF2_ITERATIONS).toBe(600_000);
    const hasher = createPbkdf2Hasher();
    const stored = await hasher.hash("correct horse battery staple");
    expect(stored).toMatch(FORMAT);
    expect(stored.startsWith("$pbkdf2-sha256$i=600000$")).toBe(true);
    recompute("correct horse battery staple", stored);
    expect(await hasher.verify("correct horse battery staple", stored)).toBe(true);
    expect(await hasher.verify("correct horse battery stapla", stored)).toBe(false);
  });

  it("is PBKDF2-HMAC-SHA256 over the UTF-8 bytes, with a fresh salt per hash", async () => {
    const password = "pässwörd-日本語-🔑";
    const [a, b] = [await fast.hash(password), await fast.hash(password)];
    expect(a).not.toBe(b);
    expect(recompute(password, a)).not.toBe(recompute(password, b));
    expect(await fast.verify(password, a)).toBe(true);
    expect(await fast.verify(password.normalize("NFD"), a)).toBe(false);
  });

  it("verifies with the iteration count stored in the hash, not the configured one", async () => {
    const stored = await fast.hash("Passw0rd");
    expect(await createPbkdf2Hasher({ iterations: 2_000 }).verify("Passw0rd", stored)).toBe(true);
  });

  it("answers false for another scheme, a malformed or tampered string and an excessive count", async () => {
    const stored = await fast.hash("Passw0rd");
    const [, , salt, hash] = FORMAT.exec(stored) as RegExpExecArray;
    for (const other of [
      "$2b$10$abcdefghijklmnopqrstuu5Ogx8s3bSEp5rOSy1yeb0Y9S/9dHXOm",
      "",
      stored.slice(0, -1),
      `${stored}A`,
      stored.replace("i=1000", "i=1001"),
      `$pbkdf2-sha256$i=99999999$${salt}$${hash}`,
      `$pbkdf2-sha256$i=0$${salt}$${hash}`,
      `$pbkdf2-sha512$i=1000$${salt}$${hash}`,
    ]) {
      expect(await fast.verify("Passw0rd", other), other).toBe(false);
    }
    expect(await fast.verify("Passw0rd", 42 as unknown as string)).toBe(false);
  });

  it("throws invalid_config for an iteration count outside 1,000..10,000,000", () => {
    for (const iterations of [999, 10_000_001, 1.5, Number.NaN]) {
      let thrown: unknown;
      try {
        createPbkdf2Hasher({ iterations });
      } catch (error) {
        thrown = error;
      }
      expect(isSignupError(thrown) && thrown.code).toBe("invalid_config");
    }
  });
});
