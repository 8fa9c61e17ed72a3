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

/** The NEC user as the seed's response shows it: exactly these keys, in this order. */
export interface BaasUserBody {
  _id: string;
  /** Always present: NEC generates 8 letters and digits when none is given. */
  username?: string;
  /** Omitted for a client-certificate user registered without an address. */
  email?: string;
  options: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  etag: string;
  federated: false;
  clientCertUser: boolean;
  primaryLinkedUserId: null;
  enabled: boolean;
}

/** Maps a created user to the seed's 200 body. No password material ever reaches this shape. */
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
