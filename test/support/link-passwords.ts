import type { TenantOptions } from "signupkit";

/**
 * The tenants with `linkNeedsPassword: false` where a tenant's mail options leave it unset. For the suites written
 * before mailed links asked for the signup password, which test other properties of the flows (storage, races,
 * mail failures, faults); the password check itself is tested in test/flows/link-password.test.ts,
 * test/flows/resend-own-claim.test.ts and test/http/link-password-story.test.ts.
 */
export function withoutLinkPasswords<T extends Readonly<Record<string, TenantOptions>>>(tenants: T): T {
  const out: Record<string, TenantOptions> = {};
  for (const [id, tenant] of Object.entries(tenants)) {
    const mail = tenant.mail;
    out[id] =
      mail === undefined || mail.linkNeedsPassword !== undefined
        ? tenant
        : { ...tenant, mail: { ...mail, linkNeedsPassword: false } };
  }
  return out as T;
}
