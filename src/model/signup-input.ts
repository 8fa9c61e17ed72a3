/**
 * What a client may send to sign up: one model for both seeds (camelCase).
 * Which fields a tenant accepts is decided by its policy; anything else is a 400.
 */
export interface SignupInput {
  /** NEC `_id`: only from a caller holding the master key. */
  id?: string;
  username?: string;
  email?: string;
  password?: string;
  /** Auth0 `phone_number`, E.164. */
  phoneNumber?: string;
  givenName?: string;
  familyName?: string;
  name?: string;
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
  id?: string;
  username?: string;
  email?: string;
  password?: string;
  phoneNumber?: string;
  givenName?: string;
  familyName?: string;
  name?: string;
  nickname?: string;
  picture?: string;
  metadata?: Record<string, unknown>;
  clientCertUser: boolean;
}

/** The optional profile fields (Auth0's); strings, stored and returned as given. */
export const PROFILE_FIELDS = [
  "phoneNumber",
  "givenName",
  "familyName",
  "name",
  "nickname",
  "picture",
] as const;

/** One of {@link PROFILE_FIELDS}. */
export type ProfileField = (typeof PROFILE_FIELDS)[number];

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
