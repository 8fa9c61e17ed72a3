import type { User } from "../../model/user.js";
import type { WireFields } from "../wire-input.js";

/** Auth0 body fields (`POST /dbconnections/signup`, snake_case) → input model. */
export const AUTH0_FIELDS: WireFields = {
  email: "email",
  password: "password",
  username: "username",
  phone_number: "phoneNumber",
  given_name: "givenName",
  family_name: "familyName",
  name: "name",
  nickname: "nickname",
  picture: "picture",
  user_metadata: "metadata",
};

/** Envelope fields the handler consumes itself: they choose the client and the connection (tenant). */
export const AUTH0_ENVELOPE: ReadonlySet<string> = new Set(["client_id", "connection"]);

/** Auth0's 200 body: `_id`, `email_verified`, `email`, and each profile field only when the user has it. */
export interface Auth0UserBody {
  /** The user id. */
  _id: string;
  /** Whether the address is verified. */
  email_verified: boolean;
  /** The email address (lower-cased). */
  email?: string;
  /** The username (lower-cased). */
  username?: string;
  /** Given name. */
  given_name?: string;
  /** Family name. */
  family_name?: string;
  /** Full name. */
  name?: string;
  /** Nickname. */
  nickname?: string;
  /** Picture URL. */
  picture?: string;
  /** Phone number, E.164. */
  phone_number?: string;
  /** `false` whenever `phone_number` is present. */
  phone_verified?: boolean;
  /** Present when the user has any metadata. */
  user_metadata?: Record<string, unknown>;
}

/** Maps a created user to Auth0's 200 body. No password material ever reaches this shape. */
export function toAuth0User(user: User): Auth0UserBody {
  const body: Auth0UserBody = { _id: user.id, email_verified: user.emailVerified };
  if (user.email !== undefined) body.email = user.email;
  if (user.username !== undefined) body.username = user.username;
  if (user.givenName !== undefined) body.given_name = user.givenName;
  if (user.familyName !== undefined) body.family_name = user.familyName;
  if (user.name !== undefined) body.name = user.name;
  if (user.nickname !== undefined) body.nickname = user.nickname;
  if (user.picture !== undefined) body.picture = user.picture;
  if (user.phoneNumber !== undefined) {
    body.phone_number = user.phoneNumber;
    body.phone_verified = false;
  }
  if (user.metadata !== undefined && Object.keys(user.metadata).length > 0)
    body.user_metadata = user.metadata;
  return body;
}
