import { escapeHtml } from "./escape-html.js";

/**
 * Builds the HTML body of a built-in template from its text body: blank lines separate paragraphs, a line that is
 * exactly `{{url}}` becomes a link. Placeholders survive (escaping leaves `{{` `}}` alone) and are filled later.
 */
export function htmlFromText(text: string, lang: string): string {
  const paragraphs = text.split(/\n{2,}/).map((block) => {
    const lines = block
      .split("\n")
      .map((line) => (line.trim() === "{{url}}" ? '<a href="{{url}}">{{url}}</a>' : escapeHtml(line)));
    return `<p>${lines.join("<br>\n")}</p>`;
  });
  return `<div lang="${lang}">\n${paragraphs.join("\n")}\n</div>\n`;
}
