/**
 * A user as the library returns it: never any password material.
 * Timestamps are UTC with milliseconds (`YYYY-MM-DDThh:mm:ss.sssZ`).
 */
export interface User {
  id: string;
  tenant: string;
  username?: string;
  email?: string;
  emailVerified: boolean;
  phoneNumber?: string;
  givenName?: string;
  familyName?: string;
  name?: string;
  nickname?: string;
  picture?: string;
  metadata: Record<string, unknown>;
  clientCertUser: boolean;
  enabled: boolean;
  federated: false;
  primaryLinkedUserId: null;
  createdAt: string;
  updatedAt: string;
  /** A fresh unique value on every create and update. */
  etag: string;
}

/**
 * A user as a store keeps it: the public fields plus the password hash and the canonical keys
 * that decide uniqueness (computed by the service, so every store agrees on them).
 */
export interface UserRecord extends User {
  passwordHash?: string;
  /** Canonical email (case-folded, NFKC, trailing dots removed); unique per tenant. */
  emailKey?: string;
  /** Canonical username (case-folded, NFKC); unique per tenant. */
  usernameKey?: string;
}
