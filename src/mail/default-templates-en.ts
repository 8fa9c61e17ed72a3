import type { MailKind } from "../ports/mailer.js";
import { htmlFromText } from "./html-from-text.js";
import type { MailTemplate } from "./mail-template.js";

const confirmation = `Hello,

We received a request to create an account on {{appname}} ({{tenantname}}) for {{email}}.
To complete your registration, open this link:

{{url}}

Until you open the link, no account exists. The link expires after a limited time; if it has expired, please sign up again.

If you did not ask for this, you can ignore this mail and no account will be created.

{{appname}}`;

const verification = `Hello,

Thank you for signing up for {{appname}} ({{tenantname}}).
Please confirm that {{email}} is your email address by opening this link:

{{url}}

The link expires after a limited time.

If you did not create an account on {{appname}}, you can ignore this mail.

{{appname}}`;

const notification = `Hello,

Your registration on {{appname}} ({{tenantname}}) is complete.

Username: “{{username}}”
Email: “{{email}}”
Account status: {{status}}

If you did not create this account, please contact the administrator of {{tenantname}}.

{{appname}}`;

const existingAccount = `Hello,

Someone tried to sign up for {{appname}} ({{tenantname}}) with your email address ({{email}}), but an account with this address already exists.

If it was you, log in with your existing account. If you have forgotten your password, reset it.

If it was not you, you can ignore this mail. Your account has not been changed.

{{appname}}`;

const template = (subject: string, text: string): MailTemplate => ({
  subject,
  text,
  html: htmlFromText(text, "en"),
});

/** The built-in English templates. */
export const DEFAULT_TEMPLATES_EN: Readonly<Record<MailKind, MailTemplate>> = {
  confirmation: template("Confirm your registration for {{appname}}", confirmation),
  verification: template("Verify your email address for {{appname}}", verification),
  notification: template("Your {{appname}} account has been created", notification),
  "existing-account": template("Sign-up attempt with your email address on {{appname}}", existingAccount),
};
