import { describe, expect, it } from "vitest";
import type { MailVariables } from "../../src/mail/templates.js";
import { renderMail } from "../../src/mail/templates.js";
import type { MailKind } from "../../src/ports/mailer.js";

const vars: MailVariables = {
  tenantname: "Demo Tenant",
  appname: "Demo App",
  email: "alice@example.com",
  url: "https://app.example/confirm?token=tok123",
  username: "alice",
  status: "enabled",
};

const KINDS: MailKind[] = ["confirmation", "verification", "notification", "existing-account"];

/** What each kind must say, per language: phrases that carry the kind's meaning. */
const PHRASES: Record<"en" | "ja", Record<MailKind, string[]>> = {
  en: {
    confirmation: ["complete your registration", "no account exists", "expires"],
    verification: ["confirm that alice@example.com is your email address", "expires"],
    notification: [
      "registration on Demo App (Demo Tenant) is complete",
      "Username: “alice”",
      "Account status: enabled",
    ],
    "existing-account": ["already exists", "log in", "reset", "ignore this mail"],
  },
  ja: {
    confirmation: ["登録を完了してください", "アカウントは作成されません", "有効期限"],
    verification: ["メールアドレスの確認を完了してください", "有効期限"],
    notification: ["ユーザー登録が完了しました", "ユーザー名: 「alice」", "アカウントの状態: 有効"],
    "existing-account": [
      "すでに登録されています",
      "ログインしてください",
      "パスワードを再設定",
      "破棄してください",
    ],
  },
};

const USES_URL: Record<MailKind, boolean> = {
  confirmation: true,
  verification: true,
  notification: false,
  "existing-account": false,
};

describe.each(["en", "ja"] as const)("built-in %s templates", (locale) => {
  it.each(KINDS)("%s renders with its variables", (kind) => {
    const mail = renderMail(kind, locale, vars);
    expect(mail.locale).toBe(locale);
    expect(mail.subject).toContain("Demo App");
    expect(mail.subject).not.toMatch(/\{\{|\}\}/);
    for (const body of [mail.text, mail.html]) {
      expect(body).not.toMatch(/\{\{|\}\}/);
      expect(body).toContain("alice@example.com");
      expect(body).toContain("Demo App");
      expect(body).toContain("Demo Tenant");
      for (const phrase of PHRASES[locale][kind]) expect(body).toContain(phrase);
    }
    expect(mail.html).toContain(`lang="${locale}"`);
    if (USES_URL[kind]) {
      expect(mail.text).toContain("https://app.example/confirm?token=tok123");
      expect(mail.html).toContain('<a href="https://app.example/confirm?token=tok123">');
    }
  });

  it("notification carries username, email and status", () => {
    const mail = renderMail("notification", locale, { ...vars, status: "disabled" });
    const statusWord = locale === "ja" ? "無効" : "disabled";
    expect(mail.text).toContain("alice");
    expect(mail.text).toContain(statusWord);
    expect(mail.html).toContain(statusWord);
  });
});

describe("Japanese templates", () => {
  it("use polite です/ます style and a bracketed app name in the subject", () => {
    for (const kind of KINDS) {
      const mail = renderMail(kind, "ja", vars);
      expect(mail.subject.startsWith("【Demo App】")).toBe(true);
      expect(mail.text).toMatch(/(ます|です|ください)。/);
      expect(mail.text.startsWith("alice@example.com 様")).toBe(true);
    }
  });

  it("pass a status other than enabled/disabled through unchanged", () => {
    expect(renderMail("notification", "ja", { ...vars, status: "pending" }).text).toContain(
      "アカウントの状態: pending",
    );
    expect(renderMail("notification", "ja", { ...vars, status: "constructor" }).text).toContain(
      "アカウントの状態: constructor",
    );
  });
});
