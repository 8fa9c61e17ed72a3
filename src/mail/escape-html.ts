const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes `& < > " '` so a value is safe both in element text and in a quoted attribute (`href="{{url}}"`).
 *
 * @example
 * escapeHtml('<b>"x"</b>'); // "&lt;b&gt;&quot;x&quot;&lt;/b&gt;"
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
