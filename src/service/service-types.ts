import type { FailedPort } from "../errors/signup-error.js";
import type { MailTemplates } from "../mail/templates.js";
import type { SignupContext, SignupPatch, ValidSignup } from "../model/signup-input.js";
import type { User } from "../model/user.js";
import type { Instrumentation } from "../observe/instrumentation.js";
import type { OperationName, Outcome, OutcomeIssue } from "../observe/outcome.js";
import type { SignupPolicy } from "../policies/policy.js";
import type { BreachedPasswordCheck } from "../ports/breached-password-check.js";
import type { Mailer } from "../ports/mailer.js";
import type { PasswordHasher } from "../ports/password-hasher.js";
import type { PurgeResult, UserStore } from "../ports/user-store.js";
import type { CredentialsInput, CredentialsResult } from "./credential-types.js";

/** Mail settings of one tenant (NEC tenant settings, Auth0 connection settings). All mail is off by default. */
export interface TenantMailOptions {
  /** NEC 本人確認: nothing is created until the mailed link is followed. Default false. */
  confirmation?: boolean;
  /** Auth0 flow: the user is created with `emailVerified: false` and a verification link is mailed. Default false. */
  verification?: boolean;
  /** NEC 本人通知: a notice after a user is created. Default false. */
  notification?: boolean;
  /** Lifetime of a confirmation token in ms. Default 24 hours. */
  confirmationTtl?: number;
  /** Lifetime of a verification token in ms. Default 5 days. */
  verificationTtl?: number;
  /** Minimum ms between two resends for one claim or user. Default 60 seconds. */
  resendInterval?: number;
  /**
   * Pending claims kept per address (confirm-before-create): a new signup removes the oldest beyond this, with
   * their links. Bounds what one address can cost in storage and mail. Default 3.
   */
  claimsPerAddress?: number;
  /**
   * A mailed link (confirmation or verification) asks for the password chosen at signup, and only that password
   * redeems it: whoever follows a link someone else requested for this address cannot end up with an account whose
   * password that someone knows. A wrong password consumes nothing. A resend needs the password too and re-mails only
   * the claim it belongs to. Default true. `false` is weaker: anyone who signs up with another person's address
   * mails them a link that, once followed, gives the signer an account on that address.
   */
  linkNeedsPassword?: boolean;
  /** Wrong passwords a link accepts before it is dead (with `linkNeedsPassword`). Default 5. */
  linkAttempts?: number;
  /** Absolute http(s) URL the confirmation link is built on (`?token=` is appended). Required with `confirmation`. */
  confirmationUrl?: string;
  /** Absolute http(s) URL the verification link is built on (`?token=` is appended). Required with `verification`. */
  verificationUrl?: string;
  /** Locale of the built-in templates: `en` (default) or `ja`. */
  locale?: string;
  /** Replacements for any built-in template. */
  templates?: MailTemplates;
  /**
   * Enumeration-safe signup (needs `confirmation`): a signup for an address that already has a user answers like a
   * new one, creates nothing, and mails the owner an existing-account notice. Default false (both APIs answer 409).
   */
  concealExisting?: boolean;
}

/** One tenant: the uniqueness scope (an NEC tenant or an Auth0 database connection) and its rules. */
export interface TenantOptions {
  /** `baasPolicy()` or `auth0Policy()`. */
  policy: SignupPolicy;
  /** Tenant name for mail templates (`tenantname`). Defaults to the tenant id. */
  displayName?: string;
  /** Application name for mail templates (`appname`). Defaults to the display name. */
  appName?: string;
  /** NEC `_USERS` create ACL for `g:anonymous`. When false, only master-key callers may sign up. Default true. */
  allowAnonymousSignup?: boolean;
  /**
   * Lets callers without the master key sign up NEC client-certificate users (`clientCertUser: true`, no password).
   * Default false: an administrator provisions them. Even when true, on a tenant with confirmation mail such a
   * signup needs an email address and is confirmed like any other.
   */
  allowAnonymousClientCertUser?: boolean;
  /** Which mails this tenant sends, their links, lifetimes, locale and templates. All off by default. */
  mail?: TenantMailOptions;
}

/** Where an error reported to `onError` happened. */
export type ErrorPhase =
  | "afterCreate"
  | "notification"
  | "verification"
  | "existing-account"
  | "cleanup"
  | "resend"
  | "rehash";

/**
 * One structured log event per operation, when it ends. It never carries a password, a hash, a token, a field's
 * value or (unless `observeAddresses` is on) an email address.
 */
export interface LogEvent {
  /** `info` for every answer the caller caused (success, 4xx, 409), `warn` for `overloaded`, `error` for 5xx. */
  level: "info" | "warn" | "error";
  /** `<operation>.<outcome>`, e.g. `signup.created`, `confirm.rejected`, `signup.unavailable`. */
  event: string;
  /** The operation that ended. */
  operation: OperationName;
  /** How it ended. */
  outcome: Outcome;
  /** Milliseconds from the call to its answer. */
  durationMs: number;
  /** The tenant, when it is a configured one. */
  tenant?: string;
  /** `meta.requestId` of the call's context (a string or number), to join with the host's request logs. */
  requestId?: string;
  /** The user created, confirmed, verified or authenticated. */
  userId?: string;
  /** The `SignupError` code of a failure, or the reason of a `denied` credential check. */
  code?: string;
  /** For `invalid_input`: each violation's field name and issue code (never the value). */
  issues?: OutcomeIssue[];
  /** For `unavailable`: the port that failed or timed out. */
  port?: FailedPort;
  /** The address involved, only with `observeAddresses: true`. */
  email?: string;
}

/** Bounds, in ms, on calls into the ports. A call past its bound fails the operation with 503. */
export interface Timeouts {
  /** A store call that returns a promise. Default 10 000. (A store method that answers directly is not bounded.) */
  store?: number;
  /** Default 15 000. */
  mailer?: number;
  /** One hash, not counting its wait in the queue. Default 30 000. */
  hasher?: number;
  /** One breached-password lookup. Default 5 000. */
  breachedPasswords?: number;
}

/** Options of {@link createSignupService}. */
export interface SignupServiceOptions {
  /** Persistence. Required: use `createMemoryStore()` from `signupkit/testing` in tests. */
  store: UserStore;
  /** Defaults to bcrypt cost 10 from `signupkit/bcrypt`, loaded on first use. */
  hasher?: PasswordHasher;
  /** Required as soon as any tenant turns a mail on. */
  mailer?: Mailer;
  /** Refuses breached passwords (400 `password_breached`) after the policy passed and before hashing. Off by default. */
  breachedPasswords?: BreachedPasswordCheck;
  /** Every tenant by id. A signup for any other id is 404 `unknown_tenant`. */
  tenants: Readonly<Record<string, TenantOptions>>;
  /** Clock. Default `() => new Date()`. */
  now?: () => Date;
  /** User and claim ids. Default: a monotonic ULID factory made once per service. */
  generateId?: () => string;
  /** Runs after validation, before anything is hashed or stored. Throw a `SignupError` to reject; return a patch to change profile fields. */
  beforeCreate?: (
    signup: Readonly<ValidSignup>,
    context: SignupContext,
  ) => SignupPatch | undefined | Promise<SignupPatch | undefined>;
  /** Runs after the store committed the user. Its failure never undoes the user; it goes to `onError`. */
  afterCreate?: (user: User, context: SignupContext) => void | Promise<void>;
  /** Receives failures that do not fail the request (hooks, notification mail, cleanup). Default: console.error of name and message. */
  onError?: (error: unknown, phase: ErrorPhase) => void;
  /** One structured event per operation (see {@link LogEvent}); nothing secret is ever passed. */
  logger?: (event: LogEvent) => void;
  /**
   * Traces and metrics of every operation and port call: `openTelemetry()` from `signupkit/opentelemetry`, or your
   * own {@link Instrumentation}. Off by default, and then nothing is measured.
   */
  telemetry?: Instrumentation;
  /** Log events and traces carry the user's email address (`email`, `user.email`). Default false. */
  observeAddresses?: boolean;
  /** Password hashes running at once. Default 4 (libuv's thread pool size). */
  maxConcurrentHashes?: number;
  /** Password hashes waiting for a slot before signups are refused with 503 `overloaded`. Default 128. */
  maxQueuedHashes?: number;
  /** Bounds on calls into the store, mailer, hasher and breached-password check. */
  timeouts?: Timeouts;
}

/** The outcome of a signup: a user, or (with confirmation mail) nothing yet. */
export type SignupResult =
  | {
      /** A user was created. */
      status: "created";
      /** The new user. */
      user: User;
      /** With verification mail on: whether the verification mail went out (`failed`: resend later). */
      verificationMail?: "sent" | "failed";
    }
  | {
      /** Nothing exists yet: a confirmation link was mailed (or, with `concealExisting`, the address is taken). */
      status: "pending";
    };

/** Tenant in which a token is redeemed or a resend is asked for. */
export interface TenantContext {
  /** The tenant id (NEC BaaS tenant or Auth0 connection name). */
  tenant: string;
  /** Anything the host wants its logs and traces to carry (`requestId` becomes the log events' `requestId`). */
  meta?: Readonly<Record<string, unknown>>;
}

/**
 * Tenant of a mailed link, and the password chosen at signup: needed (unless the tenant sets `linkNeedsPassword:
 * false`) to redeem a link or to ask for a fresh confirmation link.
 */
export interface LinkContext extends TenantContext {
  /** The password chosen at signup. */
  password?: string;
}

/** What {@link createSignupService} returns. */
export interface SignupService {
  /** Validates, hashes and creates one user (or a pending claim when the tenant confirms first). */
  signup(input: unknown, context: SignupContext): Promise<SignupResult>;
  /**
   * Completes a pending signup from its mailed token; creates the user with `emailVerified: true` (the link proved
   * the address). `context.password` must be the one chosen at signup (400 `wrong_password` otherwise, nothing
   * consumed) unless the claim has none or the tenant sets `linkNeedsPassword: false`.
   */
  confirm(
    token: string,
    context: LinkContext,
  ): Promise<{
    /** The user created. */
    user: User;
  }>;
  /** Marks the user's address verified from its mailed token; `context.password` as for {@link SignupService.confirm}. */
  verifyEmail(
    token: string,
    context: LinkContext,
  ): Promise<{
    /** The user, now verified. */
    user: User;
  }>;
  /**
   * Mails a fresh confirmation link for the newest live claim of the address whose password is `context.password`
   * (the newest claim, when the tenant sets `linkNeedsPassword: false`); silent when there is none. With
   * `concealExisting` it answers as soon as the input is checked and finishes in the background (failures go to
   * `onError` with phase `resend`), so its timing says nothing about the address.
   */
  resendConfirmation(context: LinkContext, email: string): Promise<void>;
  /** Mails a fresh verification link to an unverified user; silent when there is none. */
  resendVerification(context: TenantContext, email: string): Promise<void>;
  /**
   * Checks a password at login against the hash this library stored (plain bcrypt and the `$sk1$` pre-hashed form
   * alike). Returns the user, or a typed failure; an unknown identifier costs the same hasher work as a wrong
   * password. When the stored hash was made with another cost or scheme, a fresh one replaces it (compare-and-set).
   * It issues no session: that stays the host's. Throws `SignupError` for malformed input, an unknown tenant, and
   * 503s (`unavailable`, `overloaded`).
   *
   * @example
   * const result = await service.verifyCredentials({ tenant: "t1", email: "taro@example.com", password });
   * if (!result.ok) return new Response("Wrong email or password", { status: 401 });
   * startSession(result.user.id); // the host's own session handling
   */
  verifyCredentials(input: CredentialsInput): Promise<CredentialsResult>;
  /** Removes expired tokens and dead claims. Schedule it (e.g. hourly). */
  purgeExpired(): Promise<PurgeResult>;
  /** Whether a tenant id is configured. */
  hasTenant(tenant: string): boolean;
  /** A configured tenant's locale (`mail.locale`, default `en`), or `undefined` for an unknown tenant. */
  tenantLocale(tenant: string): string | undefined;
  /**
   * The dialect of a configured tenant's policy (`"baas"` for NEC BaaS, `"auth0"` for Auth0), or `undefined` for a
   * tenant id that is not configured. The HTTP handlers check their routes against it when they are created.
   */
  tenantDialect(tenant: string): SignupPolicy["name"] | undefined;
}
