import { constantTimeEqualSync } from "../constant-time.js";

/** One NEC BaaS application of a tenant: the id and keys its clients send in `X-Application-Id` / `-Key`. */
export interface BaasApp {
  /** The tenant this application belongs to. */
  tenant: string;
  /** The application id (`X-Application-Id`). */
  appId: string;
  /** The application key: anonymous signup, subject to the tenant's ACL. */
  appKey: string;
  /** The master key: may set `_id` and bypasses the anonymous-create ACL. Keep it on servers only. */
  masterKey?: string;
}

/** Which key a caller presented. */
export type BaasKeyKind = "app" | "master";

/**
 * Resolves a caller's credentials for a tenant: `"app"`, `"master"`, or `null` when they are wrong. Compare keys
 * in constant time (e.g. with `constantTimeEqualSync`).
 */
export type ResolveBaasApp = (
  tenant: string,
  appId: string,
  appKey: string,
) => BaasKeyKind | null | Promise<BaasKeyKind | null>;

/** Credentials checked against every registered app: the same work whether or not the app id exists. */
const ABSENT: BaasApp = {
  tenant: "",
  appId: "",
  appKey: "\u0000absent-app-key",
  masterKey: "\u0000absent-master",
};

function checkApp(app: BaasApp, index: number): void {
  const strings = [app?.tenant, app?.appId, app?.appKey];
  if (!strings.every((value) => typeof value === "string" && value !== "")) {
    throw new TypeError(`apps[${index}] needs non-empty tenant, appId and appKey strings.`);
  }
  if (app.masterKey !== undefined && (typeof app.masterKey !== "string" || app.masterKey === "")) {
    throw new TypeError(`apps[${index}].masterKey must be a non-empty string.`);
  }
  if (app.masterKey === app.appKey) throw new TypeError(`apps[${index}]: masterKey must differ from appKey.`);
}

/**
 * A resolver over a static list of apps. Both keys are always compared in constant time, also for an unknown app
 * id, so the response time tells nothing about which ids or keys exist.
 */
export function staticAppResolver(apps: readonly BaasApp[]): {
  resolve: ResolveBaasApp;
  tenants: ReadonlySet<string>;
} {
  const byId = new Map<string, BaasApp>();
  apps.forEach((app, index) => {
    checkApp(app, index);
    const key = `${app.tenant}\u0000${app.appId}`;
    if (byId.has(key))
      throw new TypeError(`apps[${index}]: app id ${app.appId} is listed twice for its tenant.`);
    byId.set(key, { ...app });
  });
  return {
    tenants: new Set(apps.map((app) => app.tenant)),
    resolve(tenant, appId, appKey) {
      const app = byId.get(`${tenant}\u0000${appId}`);
      const against = app ?? ABSENT;
      // Both compares always run; each takes time by the presented key's length only.
      const isApp = constantTimeEqualSync(appKey, against.appKey);
      const isMaster = constantTimeEqualSync(appKey, against.masterKey ?? ABSENT.masterKey ?? "");
      if (app === undefined) return null;
      if (isMaster && app.masterKey !== undefined) return "master";
      return isApp ? "app" : null;
    },
  };
}
