import type { MailKind } from "../ports/mailer.js";
import { DEFAULT_TEMPLATES_EN } from "./default-templates-en.js";
import { DEFAULT_TEMPLATES_JA } from "./default-templates-ja.js";
import type { MailTemplate, MailTemplates } from "./mail-template.js";

const BUILT_IN: Readonly<Record<string, Readonly<Record<MailKind, MailTemplate>>>> = {
  en: DEFAULT_TEMPLATES_EN,
  ja: DEFAULT_TEMPLATES_JA,
};

const FIELDS = ["subject", "text", "html"] as const;

/** The language part of a locale: `ja-JP` → `ja`, `pt_BR` → `pt`. */
export function languageOf(locale: string): string {
  return locale.split(/[-_]/)[0] ?? locale;
}

/** The key of `record` equal to `locale`, ignoring case (own keys only). */
function findKey(record: object | undefined, locale: string): string | undefined {
  if (record === undefined) return undefined;
  const wanted = locale.toLowerCase();
  return Object.keys(record).find((key) => key.toLowerCase() === wanted);
}

/** The locales to try, most specific first: the locale, its language, then `en`. */
function fallbackChain(locale: string): string[] {
  const trimmed = locale.trim();
  const chain = trimmed === "" ? ["en"] : [trimmed, languageOf(trimmed), "en"];
  return chain.filter(
    (value, index) => chain.findIndex((v) => v.toLowerCase() === value.toLowerCase()) === index,
  );
}

/**
 * Picks the template of `kind` for `locale`. The locale used is the first of the chain (locale, its language, `en`)
 * that has a built-in or an override. Fields are layered from the least specific locale of the chain to the chosen
 * one, each built-in followed by its override, so a partial override keeps the other fields of the closest built-in.
 */
export function resolveTemplate(
  kind: MailKind,
  locale: string,
  templates: MailTemplates | undefined,
): { template: MailTemplate; locale: string } {
  const overrides = templates?.[kind];
  const layers: { key: string; builtIn?: MailTemplate; override?: Partial<MailTemplate> }[] = [];
  for (const candidate of fallbackChain(locale)) {
    const builtInKey = findKey(BUILT_IN, candidate);
    const overrideKey = findKey(overrides, candidate);
    if (builtInKey === undefined && overrideKey === undefined) continue;
    const layer: (typeof layers)[number] = { key: overrideKey ?? builtInKey ?? candidate };
    const builtIn = builtInKey === undefined ? undefined : BUILT_IN[builtInKey]?.[kind];
    const override = overrideKey === undefined ? undefined : overrides?.[overrideKey];
    if (builtIn !== undefined) layer.builtIn = builtIn;
    if (override !== undefined) layer.override = override;
    layers.push(layer);
  }
  const template: MailTemplate = { ...DEFAULT_TEMPLATES_EN[kind] };
  for (const layer of [...layers].reverse()) {
    if (layer.builtIn !== undefined) Object.assign(template, layer.builtIn);
    for (const field of FIELDS) {
      const value = layer.override?.[field];
      if (typeof value === "string") template[field] = value;
    }
  }
  return { template, locale: layers[0]?.key ?? "en" };
}
