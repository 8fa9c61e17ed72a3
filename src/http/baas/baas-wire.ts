import type { User } from "../../model/user.js";
import type { WireFields } from "../wire-input.js";

/** NEC body fields (`POST /1/{tenantId}/users`) → input model. */
export const BAAS_FIELDS: WireFields = {
  _id: "id",
  username: "username",
  email: "email",
  password: "password",
  options: "metadata",
  clientCertUser: "clientCertUser",
};

/** The NEC BaaS user as `POST /1/{tenantId}/users` answers it: exactly these keys, in this order. */
export interface BaasUserBody {
  /** The user id. */
  _id: string;
  /** Always present: NEC generates 8 letters and digits when none is given. */
  username?: string;
  /** Omitted for a client-certificate user registered without an address. */
  email?: string;
  /** The user's `options` (metadata); `{}` when none. */
  options: Record<string, unknown>;
  /** Creation time (UTC, milliseconds). */
  createdAt: string;
  /** Last change (UTC, milliseconds). */
  updatedAt: string;
  /** Changes on every update. */
  etag: string;
  /** Always false. */
  federated: false;
  /** Whether this is a client-certificate user. */
  clientCertUser: boolean;
  /** Always null. */
  primaryLinkedUserId: null;
  /** Whether the account is enabled. */
  enabled: boolean;
}

/** Maps a created user to NEC BaaS's 200 body. No password material ever reaches this shape. */
export function toBaasUser(user: User): BaasUserBody {
  const head: Pick<BaasUserBody, "_id" | "username" | "email"> = { _id: user.id };
  if (user.username !== undefined) head.username = user.username;
  if (user.email !== undefined) head.email = user.email;
  return {
    ...head,
    options: user.metadata ?? {},
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    etag: user.etag,
    federated: false,
    clientCertUser: user.clientCertUser,
    primaryLinkedUserId: null,
    enabled: user.enabled,
  };
}
