import { describe, expect, it } from "vitest";
import type { MailVariables } from "../../src/mail/templates.js";
import {
  DEFAULT_TEMPLATES_EN,
  DEFAULT_TEMPLATES_JA,
  escapeHtml,
  renderMail,
} from "../../src/mail/templates.js";

const vars: MailVariables = {
  tenantname: "Demo",
  appname: "App",
  email: "a@example.com",
  url: "https://app.example/confirm?token=abc",
};

describe("escapeHtml", () => {
  it("escapes the five HTML-special characters", () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;",
    );
  });
});

describe("renderMail placeholders", () => {
  const templates = {
    confirmation: {
      en: {
        subject: "{{appname}} for {{ email }}",
        text: "{{tenantname}}|{{appname}}|{{email}}|{{url}}|{{unknown}}|{{username}}|{{constructor}}|{{__proto__}}",
        html: '<p>{{appname}}</p><a href="{{url}}">{{email}}</a>',
      },
    },
  };

  it("fills known names (whitespace inside braces allowed) and leaves unknown or missing ones empty", () => {
    const mail = renderMail("confirmation", "en", vars, templates);
    // A subject never shows the caller's own values: `email` renders empty there.
    expect(mail.subject).toBe("App for");
    expect(mail.text).toBe("Demo|App|a@example.com|https://app.example/confirm?token=abc||||");
  });

  it("escapes values in html but inserts them raw in text and subject", () => {
    const nasty = {
      ...vars,
      appname: `<script>alert("x")</script> & co`,
      url: `https://x.example/?a=1&b="2"`,
    };
    const mail = renderMail("confirmation", "en", nasty, templates);
    expect(mail.html).toBe(
      "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</p>" +
        '<a href="https://x.example/?a=1&amp;b=&quot;2&quot;">a@example.com</a>',
    );
    expect(mail.text).toContain(`<script>alert("x")</script> & co`);
    expect(mail.subject).toBe(`<script>alert("x")</script> & co for`);
  });

  it("escapes values in the built-in html templates too", () => {
    const mail = renderMail("confirmation", "ja", { ...vars, tenantname: "<b>T</b>" });
    expect(mail.html).toContain("&lt;b&gt;T&lt;/b&gt;");
    expect(mail.html).not.toContain("<b>T</b>");
    expect(mail.text).toContain("<b>T</b>");
  });

  it("does not expand placeholders that appear inside values", () => {
    const mail = renderMail("confirmation", "en", { ...vars, appname: "{{email}}" }, templates);
    expect(mail.subject).toBe("{{email}} for");
  });

  it("strips CR/LF from values in the subject (no header injection)", () => {
    const injected = { ...vars, appname: "App\r\nBcc: victim@example.com\n\rX-Evil: 1\u2028" };
    for (const locale of ["en", "ja"]) {
      const mail = renderMail("confirmation", locale, injected);
      expect(mail.subject).not.toMatch(/[\r\n\u2028]/);
      expect(mail.subject).toContain("App Bcc: victim@example.com X-Evil: 1");
    }
    // The text body keeps the value as it is.
    expect(renderMail("confirmation", "en", injected).text).toContain("App\r\nBcc: victim@example.com");
  });

  it("keeps the subject on one line even when an override's subject has a line break", () => {
    const mail = renderMail("verification", "en", vars, {
      verification: { en: { subject: "Hi\n{{appname}}\n" } },
    });
    expect(mail.subject).toBe("Hi App");
  });
});

describe("renderMail overrides", () => {
  it("replaces only the overridden field of a built-in template", () => {
    const mail = renderMail("verification", "ja", vars, {
      verification: { ja: { subject: "確認: {{appname}}" } },
    });
    expect(mail.subject).toBe("確認: App");
    expect(mail.text).toBe(renderMail("verification", "ja", vars).text);
    expect(mail.html).toBe(renderMail("verification", "ja", vars).html);
    expect(mail.locale).toBe("ja");
  });

  it("can replace every field, and leaves other kinds and locales alone", () => {
    const templates = {
      notification: { en: { subject: "S {{username}}", text: "T {{status}}", html: "<i>{{email}}</i>" } },
    };
    const vars2 = { ...vars, username: "bob", status: "enabled" };
    expect(renderMail("notification", "en", vars2, templates)).toEqual({
      subject: "S",
      text: "T enabled",
      html: "<i>a@example.com</i>",
      locale: "en",
    });
    expect(renderMail("confirmation", "en", vars, templates).subject).toBe(
      "Confirm your registration for App",
    );
    expect(renderMail("notification", "ja", vars2, templates).subject).toBe(
      "【App】ユーザー登録完了のお知らせ",
    );
  });

  it("supports a tenant's own locale, filling missing fields from the fallback built-in", () => {
    const templates = { confirmation: { fr: { subject: "Confirmez votre inscription à {{appname}}" } } };
    const mail = renderMail("confirmation", "fr-CA", vars, templates);
    expect(mail.locale).toBe("fr");
    expect(mail.subject).toBe("Confirmez votre inscription à App");
    expect(mail.text).toBe(renderMail("confirmation", "en", vars).text);
  });

  it("layers a region override over the language's built-in and override", () => {
    const templates = {
      confirmation: { ja: { subject: "件名 {{appname}}" }, "ja-JP": { text: "本文 {{url}}" } },
    };
    const mail = renderMail("confirmation", "ja-JP", vars, templates);
    expect(mail.locale).toBe("ja-JP");
    expect(mail.subject).toBe("件名 App");
    expect(mail.text).toBe("本文 https://app.example/confirm?token=abc");
    expect(mail.html).toBe(renderMail("confirmation", "ja", vars).html);
  });

  it("translates status for a Japanese override as well", () => {
    const templates = { notification: { "ja-JP": { text: "状態: {{status}}" } } };
    expect(renderMail("notification", "ja-JP", { ...vars, status: "disabled" }, templates).text).toBe(
      "状態: 無効",
    );
  });

  it("ignores override fields that are not strings", () => {
    const templates = { verification: { en: { subject: 42 as unknown as string } } };
    expect(renderMail("verification", "en", vars, templates).subject).toBe(
      "Verify your email address for App",
    );
  });
});

describe("renderMail locale fallback", () => {
  it("uses the exact locale, then its language, then en", () => {
    expect(renderMail("confirmation", "ja", vars).locale).toBe("ja");
    expect(renderMail("confirmation", "ja-JP", vars).locale).toBe("ja");
    expect(renderMail("confirmation", "ja_JP", vars).locale).toBe("ja");
    expect(renderMail("confirmation", "JA-jp", vars).locale).toBe("ja");
    expect(renderMail("confirmation", "en-GB", vars).locale).toBe("en");
    expect(renderMail("confirmation", "de-DE", vars).locale).toBe("en");
    expect(renderMail("confirmation", "", vars).locale).toBe("en");
  });

  it("renders the fallback locale's template", () => {
    expect(renderMail("existing-account", "ja-JP", vars).subject).toBe(
      renderMail("existing-account", "ja", vars).subject,
    );
    expect(renderMail("existing-account", "de", vars).text).toBe(
      renderMail("existing-account", "en", vars).text,
    );
  });

  it("matches override keys ignoring case", () => {
    const mail = renderMail("verification", "ja-jp", vars, { verification: { "ja-JP": { subject: "JP" } } });
    expect(mail).toMatchObject({ subject: "JP", locale: "ja-JP" });
  });

  it("does not mutate the built-in templates", () => {
    const before = JSON.stringify([DEFAULT_TEMPLATES_EN, DEFAULT_TEMPLATES_JA]);
    renderMail("confirmation", "ja", vars, { confirmation: { ja: { subject: "x" }, en: { text: "y" } } });
    expect(JSON.stringify([DEFAULT_TEMPLATES_EN, DEFAULT_TEMPLATES_JA])).toBe(before);
  });
});
