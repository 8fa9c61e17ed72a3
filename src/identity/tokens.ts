import type { TokenPurpose, TokenRecord } from "../ports/user-store.js";
import { base64url } from "./base64url.js";

/** Raw tokens carry 256 bits from the platform CSPRNG. */
const TOKEN_BYTES = 32;
/** base64url of 32 bytes is 43 characters; anything else cannot be one of ours. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** A fresh raw token for a mail link. Only its digest is ever stored. */
export function newToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(TOKEN_BYTES)));
}

/** Whether a value has the shape of a raw token (checked before any hashing or store lookup). */
export function isTokenShaped(value: unknown): value is string {
  return typeof value === "string" && value.length === 43 && TOKEN_SHAPE.test(value);
}

/**
 * The stored form of a token: base64url SHA-256. Stores look tokens up by this digest, so a raw token is never
 * compared character by character and its lookup time says nothing about stored values.
 */
export async function digestToken(raw: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(raw));
  return base64url(new Uint8Array(digest));
}

/**
 * A fresh token for a mail link: the raw value (for the link only) and the record a store keeps (its digest),
 * bound to one purpose, tenant and subject, living `ttl` ms from `issuedAt`.
 */
export async function mintToken(
  purpose: TokenPurpose,
  tenant: string,
  subject: string,
  issuedAt: number,
  ttl: number,
): Promise<{ raw: string; record: TokenRecord }> {
  const raw = newToken();
  const hash = await digestToken(raw);
  return {
    raw,
    record: { hash, purpose, tenant, subject, issuedAt, expiresAt: issuedAt + ttl, failedAttempts: 0 },
  };
}
