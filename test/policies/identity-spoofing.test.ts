import { auth0Policy, type SignupError } from "signupkit";
import { describe, expect, it } from "vitest";
import { makeService, rejection } from "../core/helpers.js";

const PASSWORD = "Xq7!vR2#kLm-9z";

describe("NEC usernames of spaces only", () => {
  it.each([" ", "   ", "\u0020".repeat(100)])(
    "refuses %j with 400 required, so no two share the key ''",
    async (username) => {
      const { service, store } = makeService();
      const error = (await rejection(
        service.signup({ username, email: "a@example.com", password: PASSWORD }, { tenant: "t1" }),
      )) as SignupError;
      expect([error.status, error.code]).toEqual([400, "invalid_input"]);
      expect(error.issues).toEqual([expect.objectContaining({ field: "username", code: "required" })]);
      expect(store.size.users).toBe(0);
    },
  );

  it("still accepts a name with inner or outer spaces", async () => {
    const { service } = makeService();
    const result = await service.signup(
      { username: " taro yamada ", email: "a@example.com", password: PASSWORD },
      { tenant: "t1" },
    );
    expect(result.status).toBe("created");
  });
});

describe("Auth0 addresses whose labels mix scripts", () => {
  const mixed = [
    "a@ex\u0430mple.com", // Cyrillic а in a Latin domain label
    "t\u0430ro@example.com", // ... in the local part
    "a@p\u03B1ypal.com", // Greek alpha
    "a@example.\u0441om", // Cyrillic с in the top-level label
    "a@\u0570ello.com", // Armenian
  ];
  it.each(mixed)("refuses %s with 400 mixed_script, and no second account appears", async (email) => {
    const { service, store } = makeService();
    const owner = email.normalize("NFKD").replace(/[^ -~]/g, "a");
    await service.signup({ email: owner, password: PASSWORD }, { tenant: "auth0" });
    const error = (await rejection(
      service.signup({ email, password: PASSWORD }, { tenant: "auth0" }),
    )) as SignupError;
    expect([error.status, error.code]).toEqual([400, "invalid_input"]);
    expect(error.issues).toEqual([expect.objectContaining({ field: "email", code: "mixed_script" })]);
    expect(store.size.users).toBe(1);
  });

  it.each([
    "taro@example.com",
    "\u592A\u90CE@\u4F8B\u3048.jp", // Han and Hiragana: Japanese
    "\u30BF\u30ED\u30A6abc@example.jp", // Katakana with Latin: allowed with Japanese
    "\u0438\u0432\u0430\u043D@\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444", // all Cyrillic labels
    "jos\u00E9@b\u00FCcher.example", // Latin with diacritics
    "\uFF54\uFF41\uFF52\uFF4F@example.com", // full-width Latin is Latin
    "\uD55C\uAD6D@example.kr", // Hangul label
  ])("accepts %s (one script per label, or an allowed CJK combination)", (email) => {
    expect(auth0Policy().parse({ email, password: PASSWORD }).ok).toBe(true);
  });
});
