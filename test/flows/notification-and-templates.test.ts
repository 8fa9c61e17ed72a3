import { describe, expect, it } from "vitest";
import { auth0Tenant, CONFIRM, CONFIRM_URL, makeHarness, tokenOf, VERIFY } from "./harness.js";

const EMAIL = "nichiden.tarou@example.com";
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe("notification mail (NEC 本人通知)", () => {
  it("goes to a directly created user with username, email and status (en)", async () => {
    const h = makeHarness({ t1: { notification: true } });
    const result = await h.service.signup(
      { username: "tarou", email: EMAIL, password: "Passw0rd" },
      { tenant: "t1" },
    );
    expect(result.status).toBe("created");
    expect(h.mails).toHaveLength(1);
    const mail = h.mails[0];
    expect(mail).toMatchObject({ to: EMAIL, kind: "notification", tenant: "t1", locale: "en" });
    expect(mail?.subject).toBe("Your App account has been created");
    expect(mail?.text).toContain("Username: “tarou”");
    expect(mail?.text).toContain(`Email: “${EMAIL}”`);
    expect(mail?.text).toContain("Account status: enabled");
    expect(mail?.text).toContain("App (Demo)");
    expect(mail?.html).toContain("Username: “tarou”");
    expect(mail?.text).not.toContain("Passw0rd");
  });

  it("carries the generated username when the signup gave none", async () => {
    const h = makeHarness({ t1: { notification: true } });
    const result = await h.service.signup({ email: EMAIL, password: "Passw0rd" }, { tenant: "t1" });
    if (result.status !== "created") throw new Error("not created");
    expect(result.user.username).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(h.lastTo(EMAIL)?.text).toContain(`Username: “${result.user.username}`);
  });

  it("goes out after confirmation with username, email and status (ja)", async () => {
    const h = makeHarness({ t1: { ...CONFIRM, notification: true, locale: "ja" } });
    await h.service.signup({ username: "yamada", email: EMAIL, password: "Passw0rd" }, { tenant: "t1" });
    expect(h.mails.map((m) => m.kind)).toEqual(["confirmation"]);
    await h.service.confirm(tokenOf(h.lastTo(EMAIL)), { tenant: "t1" });
    expect(h.mails.map((m) => m.kind)).toEqual(["confirmation", "notification"]);
    const mail = h.mails[1];
    expect(mail).toMatchObject({ to: EMAIL, locale: "ja" });
    expect(mail?.subject).toBe("【App】ユーザー登録完了のお知らせ");
    expect(mail?.text).toContain("ユーザー名: 「yamada」");
    expect(mail?.text).toContain(`メールアドレス: 「${EMAIL}」`);
    expect(mail?.text).toContain("アカウントの状態: 有効");
    expect(mail?.text).toContain("Demo の App へのユーザー登録が完了しました。");
  });

  it("is not sent when the tenant leaves it off (the default)", async () => {
    const h = makeHarness({ t1: CONFIRM });
    await h.service.signup({ email: EMAIL, password: "Passw0rd" }, { tenant: "t1" });
    await h.service.confirm(tokenOf(h.lastTo(EMAIL)), { tenant: "t1" });
    expect(h.mails.map((m) => m.kind)).toEqual(["confirmation"]);
  });

  it("comes with the verification mail for an Auth0 connection that has both", async () => {
    const h = makeHarness({
      a0: auth0Tenant({ ...VERIFY, notification: true }, { requireUsername: true }),
    });
    await h.service.signup({ username: "ann", email: EMAIL, password: "Xq7!vR2#kLm" }, { tenant: "a0" });
    expect(h.mails.map((m) => m.kind).sort()).toEqual(["notification", "verification"]);
    expect(h.mails.find((m) => m.kind === "notification")?.text).toContain("Username: “ann”");
  });
});

describe("templates in both languages", () => {
  it("mails the confirmation in Japanese with the link in text and html", async () => {
    const h = makeHarness({ t1: { ...CONFIRM, locale: "ja" } });
    await h.service.signup({ email: EMAIL, password: "Passw0rd" }, { tenant: "t1" });
    const mail = h.lastTo(EMAIL);
    expect(mail?.locale).toBe("ja");
    expect(mail?.subject).toBe("【App】ユーザー登録の確認");
    expect(mail?.subject).toMatch(JAPANESE);
    expect(mail?.text).toMatch(JAPANESE);
    expect(mail?.text).toContain(`${EMAIL} 様`);
    const token = tokenOf(mail);
    expect(mail?.html).toContain(`<a href="${CONFIRM_URL}?token=${token}">`);
    expect(mail?.html).toContain('lang="ja"');
  });

  it("mails the verification in Japanese", async () => {
    const h = makeHarness({ a0: auth0Tenant({ ...VERIFY, locale: "ja-JP" }) });
    await h.service.signup({ email: EMAIL, password: "Xq7!vR2#kLm" }, { tenant: "a0" });
    const mail = h.lastTo(EMAIL);
    expect(mail).toMatchObject({ kind: "verification", locale: "ja" });
    expect(mail?.subject).toBe("【App】メールアドレスの確認");
    expect(mail?.text).toMatch(JAPANESE);
    expect(() => tokenOf(mail)).not.toThrow();
  });

  it("mails English by default and for an unknown locale", async () => {
    const h = makeHarness({ t1: CONFIRM, t2: { ...CONFIRM, locale: "fr" } });
    await h.service.signup({ email: EMAIL, password: "Passw0rd" }, { tenant: "t1" });
    await h.service.signup({ email: EMAIL, password: "Passw0rd" }, { tenant: "t2" });
    for (const mail of h.mails) {
      expect(mail.locale).toBe("en");
      expect(mail.subject).toBe("Confirm your registration for App");
      expect(mail.text).not.toMatch(JAPANESE);
    }
  });

  it("uses a tenant's template override and keeps the link working", async () => {
    const h = makeHarness({
      t1: {
        ...CONFIRM,
        locale: "ja",
        templates: {
          confirmation: { ja: { subject: "{{tenantname}} 登録確認", text: "{{email}} 様\n{{url}}\n" } },
        },
      },
    });
    await h.service.signup({ email: EMAIL, password: "Passw0rd" }, { tenant: "t1" });
    const mail = h.lastTo(EMAIL);
    expect(mail?.subject).toBe("Demo 登録確認");
    expect(mail?.text).toMatch(new RegExp(`^${EMAIL} 様\\n${CONFIRM_URL}\\?token=[A-Za-z0-9_-]{43}\\n$`));
    // The html field was not overridden: the built-in Japanese one is used.
    expect(mail?.html).toContain("ユーザー登録");
    expect((await h.service.confirm(tokenOf(mail), { tenant: "t1" })).user.email).toBe(EMAIL);
  });
});

describe("values the caller chose in mails", () => {
  const HOSTILE = "Your password expired - sign in at evil.example now";

  it("never reach a subject, even a tenant's own subject naming them", async () => {
    const h = makeHarness({
      t1: {
        notification: true,
        templates: { notification: { en: { subject: "Welcome {{username}} <{{email}}> to {{appname}}" } } },
      },
    });
    await h.service.signup({ username: HOSTILE, email: EMAIL, password: "Passw0rd" }, { tenant: "t1" });
    const mail = h.mails[0];
    expect(mail?.subject).toBe("Welcome  <> to App");
    expect(mail?.subject).not.toContain("evil");
  });

  it("sit in quotation marks on their own labelled lines in the default body (en and ja)", async () => {
    for (const locale of ["en", "ja"] as const) {
      const h = makeHarness({ t1: { notification: true, locale } });
      await h.service.signup({ username: HOSTILE, email: EMAIL, password: "Passw0rd" }, { tenant: "t1" });
      const mail = h.mails[0];
      expect(mail?.subject).not.toContain("evil");
      const line = mail?.text.split("\n").find((l) => l.includes(HOSTILE));
      expect(line).toBe(locale === "en" ? `Username: “${HOSTILE}”` : `ユーザー名: 「${HOSTILE}」`);
    }
  });
});
