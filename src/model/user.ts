/**
 * A user as the library returns it: never any password material.
 * Timestamps are UTC with milliseconds (`YYYY-MM-DDThh:mm:ss.sssZ`).
 */
export interface User {
  /** The user id: generated (a ULID) unless a master-key caller set NEC BaaS `_id`. */
  id: string;
  /** The tenant (NEC BaaS) or database connection (Auth0) the user belongs to. */
  tenant: string;
  /** The username, as stored (Auth0 lower-cases it; NEC BaaS keeps it as given or generates one). */
  username?: string;
  /** The email address, as stored (Auth0 lower-cases it). Absent for a client-certificate user without one. */
  email?: string;
  /** Whether the address was proven: true after a confirmation or verification link. */
  emailVerified: boolean;
  /** Auth0 `phone_number`, E.164. */
  phoneNumber?: string;
  /** Auth0 `given_name`. */
  givenName?: string;
  /** Auth0 `family_name`. */
  familyName?: string;
  /** Auth0 `name`. */
  name?: string;
  /** Auth0 `nickname`. */
  nickname?: string;
  /** Auth0 `picture`: an http(s) URL. */
  picture?: string;
  /** Auth0 `user_metadata` / NEC BaaS `options`; `{}` when none was given. */
  metadata: Record<string, unknown>;
  /** NEC BaaS client-certificate user (no password). */
  clientCertUser: boolean;
  /** Whether the account may be used; always true at signup. */
  enabled: boolean;
  /** Always false: users created here are local users. */
  federated: false;
  /** Always null: no linked accounts. */
  primaryLinkedUserId: null;
  /** When the user was created (UTC, milliseconds). */
  createdAt: string;
  /** When the user was last changed (UTC, milliseconds). */
  updatedAt: string;
  /** A fresh unique value on every create and update. */
  etag: string;
}

/**
 * A user as a store keeps it: the public fields plus the password hash and the canonical keys
 * that decide uniqueness (computed by the service, so every store agrees on them).
 */
export interface UserRecord extends User {
  /** The password hash the store keeps (absent for a client-certificate user). Never returned by the service. */
  passwordHash?: string;
  /** Canonical email (case-folded, NFKC, trailing dots removed); unique per tenant. */
  emailKey?: string;
  /** Canonical username (case-folded, NFKC); unique per tenant. */
  usernameKey?: string;
}
