import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    testing: "src/entries/testing.ts",
    bcrypt: "src/entries/bcrypt.ts",
    nodemailer: "src/entries/nodemailer.ts",
    http: "src/entries/http.ts",
    postgres: "src/entries/postgres.ts",
    openapi: "src/entries/openapi.ts",
    node: "src/entries/node.ts",
    pbkdf2: "src/entries/pbkdf2.ts",
    // Loaded on the first Auth0 dictionary check, never at import.
    "common-passwords": "src/policies/dictionary/common-passwords.ts",
    // The default hasher per runtime, picked by the `#default-hasher` package import's conditions.
    "default-hasher-node": "src/default-hasher/node.ts",
    "default-hasher-node-require": "src/default-hasher/node-require.ts",
    "default-hasher-portable": "src/default-hasher/portable.ts",
    opentelemetry: "src/entries/opentelemetry.ts",
    sqlite: "src/entries/sqlite.ts",
    mysql: "src/entries/mysql.ts",
    kysely: "src/entries/kysely.ts",
    cli: "src/cli/signupkit.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  platform: "node",
  splitting: true,
  treeshake: true,
  // The core imports `#default-hasher`, which the host's resolver (Node, Bun, Deno, a bundler) maps per runtime
  // through package.json `imports`; the Node variant loads `signupkit/bcrypt`, so the native module stays out of
  // every other entry.
  esbuildOptions(options, { format }) {
    options.define = { ...options.define, __SIGNUPKIT_CJS__: String(format === "cjs") };
  },
  external: [/^signupkit(\/.*)?$/, /^#default-hasher$/, "kysely"],
});
