import { verify as rawVerify } from "@node-rs/bcrypt";
import fc from "fast-check";
import { createBcryptHasher } from "signupkit/bcrypt";
import { describe, expect, it } from "vitest";
import { prehashPassword } from "../../src/adapters/bcrypt/prehash.js";

const hasher = createBcryptHasher({ cost: 4 });
const byteLength = (text: string) => new TextEncoder().encode(text).length;

async function expectNoCrossVerify(a: string, b: string): Promise<void> {
  const [hashA, hashB] = await Promise.all([hasher.hash(a), hasher.hash(b)]);
  await expect(hasher.verify(a, hashA)).resolves.toBe(true);
  await expect(hasher.verify(b, hashB)).resolves.toBe(true);
  await expect(hasher.verify(a, hashB)).resolves.toBe(false);
  await expect(hasher.verify(b, hashA)).resolves.toBe(false);
}

describe("bcrypt hasher: passwords beyond bcrypt's 72 bytes", () => {
  it("keeps two 100-byte passwords that share their first 72 bytes apart", async () => {
    const shared = "A".repeat(72);
    const a = `${shared}${"b".repeat(28)}`;
    const b = `${shared}${"c".repeat(28)}`;
    expect([byteLength(a), byteLength(b)]).toEqual([100, 100]);
    await expectNoCrossVerify(a, b);
  });

  it("keeps a 73-byte password apart from its 72-byte prefix", async () => {
    const prefix = "p".repeat(72);
    const long = `${prefix}!`;
    const [prefixHash, longHash] = await Promise.all([hasher.hash(prefix), hasher.hash(long)]);
    expect(prefixHash.startsWith("$2b$04$")).toBe(true);
    expect(longHash.startsWith("$sk1$$2b$04$")).toBe(true);
    // Sanity: plain bcrypt cannot tell them apart.
    await expect(rawVerify(long, prefixHash)).resolves.toBe(true);
    await expectNoCrossVerify(prefix, long);
  });

  it("uses plain bcrypt up to exactly 72 bytes", async () => {
    const exact = "z".repeat(72);
    const stored = await hasher.hash(exact);
    expect(stored).toMatch(/^\$2b\$04\$/);
    await expect(rawVerify(exact, stored)).resolves.toBe(true);
  });

  it("does not accept the pre-hash digest itself as the password", async () => {
    const long = "secret ".repeat(15);
    const stored = await hasher.hash(long);
    const inner = stored.slice("$sk1$".length);
    const digest = await prehashPassword(new TextEncoder().encode(long), inner.slice(0, 29));
    expect(digest).toHaveLength(44);
    await expect(rawVerify(digest, inner)).resolves.toBe(true);
    await expect(hasher.verify(digest, stored)).resolves.toBe(false);
    await expect(hasher.verify(long, stored)).resolves.toBe(true);
  });

  it("is sensitive to every byte of long passwords (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "grapheme", minLength: 25, maxLength: 60 }),
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 }),
        async (base, suffix) => {
          const password = `${base}${"#".repeat(72)}${base}`;
          const stored = await hasher.hash(password);
          expect(await hasher.verify(password, stored)).toBe(true);
          expect(await hasher.verify(`${password}${suffix}`, stored)).toBe(false);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe("bcrypt hasher: multibyte passwords around the 72-byte boundary", () => {
  it("hashes 72 bytes of 3-byte characters as standard bcrypt", async () => {
    const kana = "あ".repeat(24);
    expect(byteLength(kana)).toBe(72);
    const stored = await hasher.hash(kana);
    expect(stored.startsWith("$2b$04$")).toBe(true);
    await expect(rawVerify(kana, stored)).resolves.toBe(true);
    await expect(hasher.verify(kana, stored)).resolves.toBe(true);
  });

  it("separates 24 kana from 24 kana plus one more character", async () => {
    await expectNoCrossVerify("あ".repeat(24), `${"あ".repeat(24)}a`);
    await expectNoCrossVerify(`${"あ".repeat(24)}い`, `${"あ".repeat(24)}う`);
  });

  it("separates characters that straddle byte 72", async () => {
    // 😀 = F0 9F 98 80 and 😃 = F0 9F 98 83: after 70 ASCII bytes only their first two bytes fit in 72.
    const a = `${"x".repeat(70)}😀`;
    const b = `${"x".repeat(70)}😃`;
    expect(byteLength(a)).toBe(74);
    await expectNoCrossVerify(a, b);
    // A 2-byte character ending exactly at byte 72 stays on the standard path.
    const edge = `${"x".repeat(70)}é`;
    expect(byteLength(edge)).toBe(72);
    const stored = await hasher.hash(edge);
    await expect(rawVerify(edge, stored)).resolves.toBe(true);
    await expectNoCrossVerify(edge, `${"x".repeat(70)}ê`);
  });

  it("distinguishes composed from decomposed accents (no normalization)", async () => {
    await expectNoCrossVerify("caf\u00e9", "cafe\u0301");
  });
});

describe("bcrypt hasher: NUL bytes", () => {
  it("does not truncate at a NUL byte", async () => {
    const stored = await hasher.hash("abc\0def");
    expect(stored.startsWith("$sk1$")).toBe(true);
    await expect(hasher.verify("abc\0def", stored)).resolves.toBe(true);
    for (const other of ["abc", "abc\0", "abc\0deg", "abc\0def\0"]) {
      await expect(hasher.verify(other, stored)).resolves.toBe(false);
    }
  });

  it("does not let a NUL-extended password match a plain hash", async () => {
    const stored = await hasher.hash("abc");
    await expect(hasher.verify("abc", stored)).resolves.toBe(true);
    await expect(hasher.verify("abc\0", stored)).resolves.toBe(false);
    await expect(hasher.verify("abc\0def", stored)).resolves.toBe(false);
  });
});
