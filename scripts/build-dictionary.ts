/**
 * Regenerates src/policies/dictionary/common-passwords.ts, the common-password list of the Auth0 dictionary option.
 *
 * Source: the ordered `passwords.json` of the devDependency @zxcvbn-ts/language-common (MIT, most common first).
 * Takes the first 10,000 distinct entries after lower-casing and writes them as one "\n"-joined string constant.
 *
 * Run: npx tsx scripts/build-dictionary.ts
 */
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** How many entries the generated list holds. */
const COUNT = 10_000;
const PACKAGE = "@zxcvbn-ts/language-common";

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve(`${PACKAGE}/package.json`));
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "src/policies/dictionary/common-passwords.ts");

const pkg = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8")) as {
  version: string;
  license: string;
};
const source: unknown = JSON.parse(await readFile(join(packageDir, "src/passwords.json"), "utf8"));
if (!Array.isArray(source)) throw new Error(`${PACKAGE}/src/passwords.json is not an array`);

const words = new Set<string>();
for (const entry of source) {
  if (typeof entry !== "string") continue;
  const word = entry.toLowerCase();
  if (word.length === 0 || word.includes("\n")) continue;
  words.add(word);
  if (words.size === COUNT) break;
}
if (words.size < COUNT) throw new Error(`only ${words.size} distinct passwords in ${PACKAGE}`);

const header = `/*
 * GENERATED FILE, do not edit. Regenerate with: npx tsx scripts/build-dictionary.ts
 *
 * The ${COUNT} most common passwords, lower-cased, distinct, most common first, taken from
 * ${PACKAGE} ${pkg.version} (src/passwords.json), license ${pkg.license},
 * Copyright (c) 2012-2016 Dan Wheeler and Dropbox, Inc., Copyright (c) 2021 @zxcvbn-ts.
 */
`;
const body = `/** ${COUNT} common passwords, lower-cased, joined with "\\n" (see the header for the source). */
export const COMMON_PASSWORDS =
  ${JSON.stringify([...words].join("\n"))};
`;
await writeFile(target, header + body, "utf8");
console.log(`wrote ${words.size} passwords to ${target}`);
