import { randomBytes } from "node:crypto";
import {
  baasPolicy,
  createMemoryStore,
  createSignupService,
  emailKey,
  isSignupError,
  type PasswordHasher,
  type SignupService,
  type SignupServiceOptions,
  type TenantOptions,
  type UserRecord,
  type UserStore,
  usernameKey,
} from "./kit.js";

/** The tenant every row signs up in. */
export const TENANT = "bench";

/** Context of an anonymous signup in {@link TENANT}. */
export const CONTEXT = { tenant: TENANT } as const;

/** A hasher that costs nothing, so a row measures the library's own overhead. */
export const noopHasher: PasswordHasher = { hash: async () => "x", verify: async () => true };

/** Options of {@link benchService}: service options, `hasher: "default"` for the built-in bcrypt, tenant extras. */
export type BenchServiceOptions = Partial<Omit<SignupServiceOptions, "hasher">> & {
  hasher?: PasswordHasher | "default";
  tenant?: Partial<TenantOptions>;
};

/** A service on a memory store with one NEC tenant and the no-op hasher unless `options` say otherwise. */
export function benchService(options: BenchServiceOptions = {}): {
  service: SignupService;
  store: UserStore;
} {
  const { tenant, hasher = noopHasher, ...rest } = options;
  const store = rest.store ?? createMemoryStore();
  const service = createSignupService({
    ...rest,
    ...(hasher === "default" ? {} : { hasher }),
    store,
    tenants: { [TENANT]: { policy: baasPolicy(), ...tenant } },
  });
  return { service, store };
}

/** A valid NEC signup body, distinct for every `i` within one `tag`. */
export function validInput(i: number, tag = "a"): { email: string; password: string } {
  return { email: `user${i}.${tag}@example.com`, password: "Passw0rd!" };
}

/** Awaits a signup that must be refused; throws when it succeeds or fails with anything but a `SignupError`. */
export async function expectRejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isSignupError(error)) return error.code;
    throw error;
  }
  throw new Error("the signup was expected to be refused");
}

/** Lower case only: usernames are unique case-insensitively. */
const BASE36 = "abcdefghijklmnopqrstuvwxyz0123456789";
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function encode(n: number, alphabet: string, width: number): string {
  let out = "";
  for (let k = 0; k < width; k++) {
    out = alphabet.charAt(n % alphabet.length) + out;
    n = Math.floor(n / alphabet.length);
  }
  return out;
}

/**
 * `count` user records shaped like the ones the service stores (ULID-length id, 8-character username, a
 * 60-character bcrypt hash, UUID etag, canonical keys from the library's own functions), numbered from `from`.
 * The string values come out of `JSON.parse`, as records loaded from a database or a request would, so each is a
 * flat string of its own; `tenant` is one shared string and `updatedAt` shares `createdAt`, as in the service.
 */
export function realisticRecords(from: number, count: number, tenant = TENANT): UserRecord[] {
  const salt = randomBytes(count * 40)
    .toString("base64")
    .replace(/[+=]/g, ".");
  const at = new Date().toISOString();
  const parts: string[] = [];
  for (let k = 0; k < count; k++) {
    const n = from + k;
    const id = `01JC${encode(n, CROCKFORD, 8)}${salt
      .slice(k * 53, k * 53 + 14)
      .toUpperCase()
      .replace(/[^0-9A-Z]/g, "X")}`;
    const hash = `$2b$10$${salt.slice(k * 53, k * 53 + 53)}`;
    parts.push(
      `{"id":"${id}","username":"${encode(n, BASE36, 8)}","email":"member.${n}@example.com",` +
        `"emailVerified":false,"metadata":{},"clientCertUser":false,"enabled":true,"federated":false,` +
        `"primaryLinkedUserId":null,"createdAt":"${at}","etag":"${crypto.randomUUID()}","passwordHash":"${hash}"}`,
    );
  }
  const records = JSON.parse(`[${parts.join(",")}]`) as UserRecord[];
  for (const record of records) {
    record.tenant = tenant;
    record.updatedAt = record.createdAt;
    record.emailKey = emailKey(record.email as string);
    record.usernameKey = usernameKey(record.username as string);
  }
  return records;
}

/** Inserts `count` {@link realisticRecords} into `store` through `insertUser`, in batches; returns users/s. */
export async function fillStore(store: UserStore, count: number, from = 0): Promise<number> {
  const start = process.hrtime.bigint();
  const batch = 10_000;
  for (let done = 0; done < count; done += batch) {
    const records = realisticRecords(from + done, Math.min(batch, count - done));
    for (const record of records) {
      const result = await store.insertUser(record);
      if (!result.ok) throw new Error(`fill: ${result.conflict} conflict at ${record.email}`);
    }
  }
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}
