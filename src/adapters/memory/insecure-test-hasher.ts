import type { PasswordHasher } from "../../ports/password-hasher.js";

/**
 * A fast, INSECURE hasher for tests: a salted SHA-256, no work factor. Never use it in production.
 *
 * @example
 * createSignupService({ store: createMemoryStore(), hasher: createInsecureTestHasher(), tenants });
 */
export function createInsecureTestHasher(): PasswordHasher {
  const encoder = new TextEncoder();
  const hex = (bytes: ArrayBuffer) =>
    Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
  const digest = async (salt: string, password: string) =>
    hex(await crypto.subtle.digest("SHA-256", encoder.encode(`${salt}:${password}`)));
  return {
    async hash(password) {
      const salt = hex(crypto.getRandomValues(new Uint8Array(8)).buffer);
      return `insecure-sha256$${salt}$${await digest(salt, password)}`;
    },
    async verify(password, hash) {
      const [scheme, salt, expected] = hash.split("$");
      if (scheme !== "insecure-sha256" || salt === undefined || expected === undefined) return false;
      return (await digest(salt, password)) === expected;
    },
  };
}
