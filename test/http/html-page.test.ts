import { describe, expect, it } from "vitest";
import { htmlPage } from "../../src/http/html-page.js";

describe("htmlPage", () => {
  it("escapes every string it renders and sets the security headers", async () => {
    const evil = `"><script>alert('x')</script>&`;
    const response = htmlPage(
      { title: evil, paragraphs: [evil], form: { action: evil, button: evil, hidden: { [evil]: evil } } },
      418,
      { "Retry-After": "5" },
    );
    expect(response.status).toBe(418);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    const html = await response.text();
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("alert('x')");
    expect(html).toContain("&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;");
  });

  it("allows only its own nonce'd style", async () => {
    const response = htmlPage({ title: "t", paragraphs: [] }, 200);
    const csp = response.headers.get("content-security-policy") ?? "";
    const nonce = csp.match(/'nonce-([A-Za-z0-9_-]+)'/)?.[1];
    expect(nonce).toBeDefined();
    expect(await response.text()).toContain(`<style nonce="${nonce}">`);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("base-uri 'none'");
  });
});
