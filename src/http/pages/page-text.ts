/** Which mailed link a page belongs to: NEC BaaS confirmation or Auth0 email verification. */
export type LinkFlow = "confirmation" | "verification";

/**
 * The outcome a mailed-link page shows (and a redirect carries as `result`): `confirmed` / `verified` on success,
 * `invalid` (unknown, used or malformed link), `expired`, `exists` (the address or username was taken meanwhile),
 * `busy` (429/503: try again later), `refused` (a malformed request) or `error` (unexpected failure).
 */
export type LinkOutcome =
  | "confirmed"
  | "verified"
  | "invalid"
  | "expired"
  | "exists"
  | "busy"
  | "refused"
  | "error";

/** Why the form is shown again: the password was not the one chosen at signup, or none was entered. */
export type RetryReason = "wrong_password" | "missing_password";

/** The words of one page: a title and its paragraphs. */
export interface PageWords {
  /** The page's heading and `<title>`. */
  title: string;
  /** The paragraphs below it. */
  paragraphs: string[];
}

/** The wording of one locale: each flow's form page and every outcome. */
interface LocaleText {
  form: Record<LinkFlow, PageWords & { button: string }>;
  /** The label of the field for the password chosen at signup. */
  password: string;
  /** The note above the form shown again after a wrong or a missing password. */
  retry: Record<RetryReason, string>;
  outcome: Record<LinkOutcome, PageWords>;
  /** What to do after an expired link, per flow. */
  expired: Record<LinkFlow, string>;
}

const EN: LocaleText = {
  form: {
    confirmation: {
      title: "Confirm your registration",
      paragraphs: [
        "Enter the password you chose when you signed up, then press the button to complete your registration.",
      ],
      button: "Complete registration",
    },
    verification: {
      title: "Verify your email address",
      paragraphs: [
        "Enter the password you chose when you signed up, then press the button to verify your email address.",
      ],
      button: "Verify email address",
    },
  },
  password: "Password chosen at signup",
  retry: {
    wrong_password: "That is not the password chosen at signup. Please try again.",
    missing_password: "Please enter the password you chose when you signed up.",
  },
  outcome: {
    confirmed: {
      title: "Registration complete",
      paragraphs: ["Your account has been created. You can now sign in."],
    },
    verified: {
      title: "Email address verified",
      paragraphs: ["Thank you. Your email address has been verified."],
    },
    invalid: { title: "Invalid link", paragraphs: ["This link is invalid or has already been used."] },
    expired: { title: "Link expired", paragraphs: ["This link has expired."] },
    exists: {
      title: "Already registered",
      paragraphs: ["An account with this email address or username already exists."],
    },
    busy: {
      title: "Please try again later",
      paragraphs: ["The service is busy. Please try again in a moment."],
    },
    refused: { title: "Request refused", paragraphs: ["This request could not be processed."] },
    error: { title: "Something went wrong", paragraphs: ["Please try again later."] },
  },
  expired: {
    confirmation: "Please sign up again to receive a new link.",
    verification: "Please request a new verification email.",
  },
};

const JA: LocaleText = {
  form: {
    confirmation: {
      title: "ユーザー登録の確認",
      paragraphs: ["登録時に設定したパスワードを入力し、下のボタンを押してユーザー登録を完了してください。"],
      button: "登録を完了する",
    },
    verification: {
      title: "メールアドレスの確認",
      paragraphs: [
        "登録時に設定したパスワードを入力し、下のボタンを押してメールアドレスの確認を完了してください。",
      ],
      button: "メールアドレスを確認する",
    },
  },
  password: "登録時のパスワード",
  retry: {
    wrong_password: "登録時に設定したパスワードと一致しません。もう一度お試しください。",
    missing_password: "登録時に設定したパスワードを入力してください。",
  },
  outcome: {
    confirmed: {
      title: "登録が完了しました",
      paragraphs: ["アカウントが作成されました。ログインできます。"],
    },
    verified: {
      title: "メールアドレスを確認しました",
      paragraphs: ["ありがとうございます。メールアドレスの確認が完了しました。"],
    },
    invalid: { title: "無効なリンク", paragraphs: ["このリンクは無効か、すでに使用されています。"] },
    expired: { title: "リンクの有効期限切れ", paragraphs: ["このリンクは有効期限が切れています。"] },
    exists: {
      title: "登録済みです",
      paragraphs: ["このメールアドレスまたはユーザー名のアカウントはすでに存在します。"],
    },
    busy: {
      title: "しばらくしてからお試しください",
      paragraphs: ["ただいま混み合っています。しばらくしてから、もう一度お試しください。"],
    },
    refused: { title: "リクエストを処理できません", paragraphs: ["このリクエストは処理できませんでした。"] },
    error: { title: "エラーが発生しました", paragraphs: ["しばらくしてから、もう一度お試しください。"] },
  },
  expired: {
    confirmation: "お手数ですが、もう一度登録をお申し込みください。新しいリンクをお送りします。",
    verification: "確認メールの再送信をお申し込みください。",
  },
};

const BUILT_IN: Readonly<Record<string, LocaleText>> = { en: EN, ja: JA };

/** The built-in locale for `locale`: its language (`ja-JP` → `ja`) when built in, else `en`. */
export function pageLocale(locale: string | undefined): "en" | "ja" {
  const language = (locale ?? "").split(/[-_]/)[0]?.toLowerCase();
  return language === "ja" ? "ja" : "en";
}

/**
 * The words of a flow's form page in a built-in locale; after a wrong or missing password (`retry`) a note stands
 * above the prompt.
 */
export function formWords(
  locale: "en" | "ja",
  flow: LinkFlow,
  retry?: RetryReason,
): PageWords & { button: string; password: string } {
  const text = BUILT_IN[locale] ?? EN;
  const form = text.form[flow];
  const paragraphs = retry === undefined ? [...form.paragraphs] : [text.retry[retry], ...form.paragraphs];
  return { title: form.title, paragraphs, button: form.button, password: text.password };
}

/** The words of an outcome page in a built-in locale (an expired link adds what to do next). */
export function outcomeWords(locale: "en" | "ja", flow: LinkFlow, outcome: LinkOutcome): PageWords {
  const text = BUILT_IN[locale] ?? EN;
  const words = text.outcome[outcome];
  const paragraphs = [...words.paragraphs];
  if (outcome === "expired") paragraphs.push(text.expired[flow]);
  return { title: words.title, paragraphs };
}
