import type { MailKind } from "../ports/mailer.js";
import { htmlFromText } from "./html-from-text.js";
import type { MailTemplate } from "./mail-template.js";

const confirmation = `{{email}} 様

{{tenantname}} の {{appname}} へのユーザー登録のお申し込みを受け付けました。
以下のリンクを開いて、登録を完了してください。

{{url}}

リンクを開くまで、アカウントは作成されません。
このリンクには有効期限があります。期限が切れた場合は、お手数ですが、もう一度登録をお申し込みください。

このメールにお心当たりがない場合は、破棄してください。アカウントは作成されません。

{{appname}}`;

const verification = `{{email}} 様

{{tenantname}} の {{appname}} にご登録いただき、ありがとうございます。
以下のリンクを開いて、メールアドレスの確認を完了してください。

{{url}}

このリンクには有効期限があります。

このメールにお心当たりがない場合は、破棄してください。

{{appname}}`;

const notification = `{{email}} 様

{{tenantname}} の {{appname}} へのユーザー登録が完了しました。

ユーザー名: 「{{username}}」
メールアドレス: 「{{email}}」
アカウントの状態: {{status}}

このメールにお心当たりがない場合は、{{tenantname}} の管理者にお問い合わせください。

{{appname}}`;

const existingAccount = `{{email}} 様

お使いのメールアドレスで {{tenantname}} の {{appname}} への新規登録が試みられましたが、このメールアドレスのアカウントはすでに登録されています。

ご本人による操作の場合は、登録済みのアカウントでログインしてください。パスワードをお忘れの場合は、パスワードを再設定してください。

お心当たりがない場合は、このメールを破棄してください。アカウントに変更はありません。

{{appname}}`;

const template = (subject: string, text: string): MailTemplate => ({
  subject,
  text,
  html: htmlFromText(text, "ja"),
});

/** The built-in Japanese templates. */
export const DEFAULT_TEMPLATES_JA: Readonly<Record<MailKind, MailTemplate>> = {
  confirmation: template("【{{appname}}】ユーザー登録の確認", confirmation),
  verification: template("【{{appname}}】メールアドレスの確認", verification),
  notification: template("【{{appname}}】ユーザー登録完了のお知らせ", notification),
  "existing-account": template(
    "【{{appname}}】ご登録済みのメールアドレスでの新規登録について",
    existingAccount,
  ),
};

/** How a Japanese template shows the `status` values the service passes; other values pass unchanged. */
export const STATUS_WORDS_JA: Readonly<Record<string, string>> = { enabled: "有効", disabled: "無効" };
