import { auth0Policy, baasPolicy, createSignupService, type TenantOptions } from "signupkit";
import { createAuth0Handler, createBaasHandler, type LinkPageOptions } from "signupkit/http";
import { auth0OpenApi, baasOpenApi } from "signupkit/openapi";
import { createInsecureTestHasher, createMemoryMailer, createMemoryStore } from "signupkit/testing";
import { describe, expect, it } from "vitest";
import { ResponseChecker } from "../support/openapi-check.js";
import { APP, appHeaders, formPost, jsonPost, linkOf, ORIGIN } from "./helpers.js";

const CONFIRM = (tenant: string) => `${ORIGIN}/1/${tenant}/users/confirm`;
const VERIFY = `${ORIGIN}/dbconnections/verify?connection=conn`;

function setup(pages?: LinkPageOptions) {
  const mailer = createMemoryMailer();
  const tenants: Record<string, TenantOptions> = {
    ja: {
      policy: baasPolicy(),
      mail: { confirmation: true, confirmationUrl: CONFIRM("ja"), locale: "ja-JP" },
    },
    en: { policy: baasPolicy(), mail: { confirmation: true, confirmationUrl: CONFIRM("en") } },
    conn: { policy: auth0Policy(), mail: { verification: true, verificationUrl: VERIFY, locale: "ja" } },
  };
  const service = createSignupService({
    store: createMemoryStore(),
    mailer,
    hasher: createInsecureTestHasher(),
    tenants,
  });
  const options = pages === undefined ? {} : { pages };
  const baas = new ResponseChecker(
    baasOpenApi({ tenants: { ja: tenants.ja as TenantOptions, en: tenants.en as TenantOptions } }),
  ).wrap(
    createBaasHandler(service, { apps: ["ja", "en"].map((tenant) => ({ tenant, ...APP })), ...options }),
  );
  const clients = { c: { connections: ["conn"] } };
  const auth0 = new ResponseChecker(auth0OpenApi({ tenants, clients })).wrap(
    createAuth0Handler(service, { clients, ...options }),
  );
  async function pendingLink(tenant: string): Promise<URL> {
    const email = `${tenant}-${mailer.messages.length}@example.com`;
    await baas(jsonPost(`/1/${tenant}/users`, { email, password: "Passw0rd" }, appHeaders()));
    return linkOf(mailer.messages.at(-1));
  }
  return { baas, auth0, mailer, pendingLink };
}

/** The form's POST: the token and the password chosen at signup. */
const post = (link: URL, password = "Passw0rd") =>
  formPost(link.href, { token: link.searchParams.get("token") as string, password });

describe("mailed-link pages follow the tenant's locale", () => {
  it("a ja-JP tenant gets Japanese pages, an en tenant English ones, for the form and every outcome", async () => {
    const { baas, pendingLink } = setup();
    const ja = await pendingLink("ja");
    const form = await (await baas(new Request(ja))).text();
    expect(form).toContain('<html lang="ja">');
    expect(form).toContain("ユーザー登録の確認");
    expect(form).toContain("登録を完了する");
    expect(form).toContain("登録時のパスワード");
    const wrong = await baas(post(ja, "Wr0ngPass"));
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("登録時に設定したパスワードと一致しません");
    const done = await baas(post(ja));
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("登録が完了しました");
    const again = await baas(post(ja));
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("このリンクは無効か、すでに使用されています。");

    const en = await pendingLink("en");
    const english = await (await baas(new Request(en))).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain("Complete registration");
  });

  it("Auth0 verification pages follow the connection's locale", async () => {
    const { auth0, mailer } = setup();
    await auth0(
      jsonPost("/dbconnections/signup", {
        client_id: "c",
        connection: "conn",
        email: "ann@example.com",
        password: "Xy9!kL2#pQ",
      }),
    );
    const link = linkOf(mailer.messages.at(-1));
    expect(await (await auth0(new Request(link))).text()).toContain("メールアドレスを確認する");
    expect(await (await auth0(post(link, "Xy9!kL2#pQ"))).text()).toContain("メールアドレスを確認しました");
  });

  it("pages.locale overrides the tenant's locale", async () => {
    const { baas, pendingLink } = setup({ locale: () => "en" });
    const link = await pendingLink("ja");
    expect(await (await baas(new Request(link))).text()).toContain("Complete registration");
  });
});

describe("the host can replace the pages", () => {
  it("with a template: it receives the page and its HTML is answered with the status and security headers", async () => {
    const seen: unknown[] = [];
    const { baas, pendingLink } = setup({
      render: (page) => {
        seen.push({ ...page, nonce: typeof page.nonce });
        return `<!doctype html><title>${page.step}:${page.outcome ?? ""}:${page.locale}</title>`;
      },
    });
    const link = await pendingLink("ja");
    const form = await baas(new Request(link));
    expect(await form.text()).toBe("<!doctype html><title>form::ja</title>");
    expect(form.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(form.headers.get("cache-control")).toBe("no-store");
    const done = await baas(post(link));
    expect(done.status).toBe(200);
    expect(await done.text()).toBe("<!doctype html><title>outcome:confirmed:ja</title>");
    expect(seen[0]).toMatchObject({
      flow: "confirmation",
      step: "form",
      status: 200,
      tenant: "ja",
      title: "ユーザー登録の確認",
      form: { hidden: { token: link.searchParams.get("token") } },
      nonce: "string",
    });
    expect(seen[1]).toMatchObject({ step: "outcome", outcome: "confirmed", status: 200 });
  });

  it("with a template returning a whole Response, or undefined for the built-in page", async () => {
    const { baas, pendingLink } = setup({
      render: (page) =>
        page.step === "form"
          ? undefined
          : new Response("mine", { status: page.status, headers: { "Content-Type": "text/html" } }),
    });
    const link = await pendingLink("en");
    expect(await (await baas(new Request(link))).text()).toContain("Complete registration");
    expect(await (await baas(post(link))).text()).toBe("mine");
  });

  it("with a redirect to the host's page carrying the outcome, never the token", async () => {
    const { baas, pendingLink } = setup({ redirect: "https://app.example/welcome?from=mail" });
    const link = await pendingLink("ja");
    const form = await baas(new Request(link));
    expect(form.status).toBe(200);
    const done = await baas(post(link));
    expect(done.status).toBe(303);
    const location = new URL(done.headers.get("location") as string);
    expect(location.origin + location.pathname).toBe("https://app.example/welcome");
    expect(Object.fromEntries(location.searchParams)).toEqual({
      from: "mail",
      result: "confirmed",
      flow: "confirmation",
      tenant: "ja",
    });
    expect(location.href).not.toContain(link.searchParams.get("token"));
    const again = await baas(post(link));
    expect(new URL(again.headers.get("location") as string).searchParams.get("result")).toBe("invalid");
  });

  it("refuses a redirect that is not an absolute http(s) URL when the handler is created", () => {
    expect(() => setup({ redirect: "/welcome" })).toThrow(TypeError);
    expect(() => setup({ redirect: "javascript:alert(1)" })).toThrow(TypeError);
  });
});
