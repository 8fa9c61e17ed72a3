/**
 * What a client may send to sign up: one model for both the NEC BaaS and the Auth0 API (camelCase).
 * Which fields a tenant accepts is decided by its policy; anything else is a 400.
 */
export interface SignupInput {
  /** NEC `_id`: only from a caller holding the master key. */
  id?: string;
  /** Username; NEC BaaS generates one when omitted, Auth0 needs one only when the connection requires it. */
  username?: string;
  /** Email address. */
  email?: string;
  /** Password, checked by the tenant's policy and only ever kept hashed. */
  password?: string;
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
  /** An http(s) URL of the user's picture. */
  picture?: string;
  /** Auth0 `user_metadata` / NEC `options`. */
  metadata?: Record<string, unknown>;
  /** NEC client-certificate user: username required, neither email nor password. */
  clientCertUser?: boolean;
}

/** Who is signing up where. */
export interface SignupContext {
  /** The uniqueness scope: an NEC tenant id or an Auth0 database connection name. */
  tenant: string;
  /** The caller holds the tenant's master key: may set `id`, bypasses the anonymous-create ACL. */
  master?: boolean;
  /** Anything the host wants its hooks to see (client IP for rate limiting, request id, ...). */
  meta?: Readonly<Record<string, unknown>>;
}

/**
 * Input that passed a policy, in the form it is stored: trimmed of nothing, lower-cased where the policy says so.
 * Produced by {@link SignupPolicy.parse}.
 */
export interface ValidSignup {
  /** NEC BaaS `_id`, set by a master-key caller. */
  id?: string;
  /** Username as stored. */
  username?: string;
  /** Email address as stored. */
  email?: string;
  /** The password (hashed before anything is stored). */
  password?: string;
  /** Auth0 `phone_number`. */
  phoneNumber?: string;
  /** Auth0 `given_name`. */
  givenName?: string;
  /** Auth0 `family_name`. */
  familyName?: string;
  /** Auth0 `name`. */
  name?: string;
  /** Auth0 `nickname`. */
  nickname?: string;
  /** Auth0 `picture`. */
  picture?: string;
  /** Auth0 `user_metadata` / NEC BaaS `options`, a fresh copy. */
  metadata?: Record<string, unknown>;
  /** NEC BaaS client-certificate user. */
  clientCertUser: boolean;
}

/** An optional profile field (Auth0's): a string, stored and returned as given. */
export type ProfileField = "phoneNumber" | "givenName" | "familyName" | "name" | "nickname" | "picture";

/** Every {@link ProfileField}. */
export const PROFILE_FIELDS = [
  "phoneNumber",
  "givenName",
  "familyName",
  "name",
  "nickname",
  "picture",
] as const satisfies readonly ProfileField[];

/** Every property of {@link SignupInput}. */
export const INPUT_FIELDS = [
  "id",
  "username",
  "email",
  "password",
  ...PROFILE_FIELDS,
  "metadata",
  "clientCertUser",
] as const satisfies readonly (keyof SignupInput)[];

/** The fields a `beforeCreate` hook may change; everything else is server-owned or identity. */
export type SignupPatch = Partial<Pick<ValidSignup, ProfileField | "metadata">>;
