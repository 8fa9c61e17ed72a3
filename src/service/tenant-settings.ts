import { SignupError } from "../errors/signup-error.js";
import type { MailTemplates } from "../mail/templates.js";
import type { SignupPolicy } from "../policies/policy.js";
import type { TenantOptions } from "./service-types.js";

const HOUR = 3_600_000;

/** A tenant's options with every default filled in, checked once when the service is created. */
export interface TenantSettings {
  id: string;
  policy: SignupPolicy;
  displayName: string;
  appName: string;
  allowAnonymousSignup: boolean;
  confirmation: boolean;
  verification: boolean;
  notification: boolean;
  concealExisting: boolean;
  confirmationTtl: number;
  verificationTtl: number;
  resendInterval: number;
  claimsPerAddress: number;
  linkNeedsPassword: boolean;
  linkAttempts: number;
  anonymousClientCertUser: boolean;
  confirmationUrl: string;
  verificationUrl: string;
  locale: string;
  templates: MailTemplates | undefined;
}

function fail(tenant: string, message: string): never {
  throw new SignupError("invalid_config", { message: `Tenant "${tenant}": ${message}` });
}

function positive(tenant: string, name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0)
    fail(tenant, `${name} must be a positive number of milliseconds.`);
  return value;
}

function count(tenant: string, name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > 100)
    fail(tenant, `${name} must be an integer from 1 to 100.`);
  return value;
}

function linkBase(tenant: string, name: string, value: string | undefined, needed: boolean): string {
  if (value === undefined) {
    if (needed) fail(tenant, `${name} is required when that mail is on.`);
    return "";
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(tenant, `${name} must be an absolute URL.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") fail(tenant, `${name} must be an http(s) URL.`);
  return value;
}

/** Resolves and checks one tenant's options; throws `invalid_config` for anything that would fail later. */
export function resolveTenant(id: string, options: TenantOptions, hasMailer: boolean): TenantSettings {
  if (typeof options?.policy?.parse !== "function") fail(id, "policy must be baasPolicy() or auth0Policy().");
  const mail = options.mail ?? {};
  const confirmation = mail.confirmation === true;
  const verification = mail.verification === true;
  const notification = mail.notification === true;
  if ((confirmation || verification || notification) && !hasMailer) {
    fail(id, "a mail is turned on but the service has no mailer.");
  }
  if (mail.concealExisting === true && !confirmation) fail(id, "concealExisting needs confirmation mail on.");
  // Checked here: a bad locale would otherwise only fail (with a TypeError) when a mail is rendered.
  if (mail.locale !== undefined && typeof mail.locale !== "string")
    fail(id, "locale must be a string such as `ja`.");
  const displayName = options.displayName ?? id;
  return {
    id,
    policy: options.policy,
    displayName,
    appName: options.appName ?? displayName,
    allowAnonymousSignup: options.allowAnonymousSignup !== false,
    confirmation,
    verification,
    notification,
    concealExisting: mail.concealExisting === true,
    confirmationTtl: positive(id, "confirmationTtl", mail.confirmationTtl, 24 * HOUR),
    verificationTtl: positive(id, "verificationTtl", mail.verificationTtl, 5 * 24 * HOUR),
    resendInterval: positive(id, "resendInterval", mail.resendInterval, 60_000),
    claimsPerAddress: count(id, "claimsPerAddress", mail.claimsPerAddress, 3),
    linkNeedsPassword: mail.linkNeedsPassword !== false,
    linkAttempts: count(id, "linkAttempts", mail.linkAttempts, 5),
    anonymousClientCertUser: options.allowAnonymousClientCertUser === true,
    confirmationUrl: linkBase(id, "confirmationUrl", mail.confirmationUrl, confirmation),
    verificationUrl: linkBase(id, "verificationUrl", mail.verificationUrl, verification),
    locale: mail.locale ?? "en",
    templates: mail.templates,
  };
}

/** Appends the raw token to a link base as the `token` query parameter. */
export function linkFor(base: string, token: string): string {
  const url = new URL(base);
  url.searchParams.set("token", token);
  return url.href;
}
