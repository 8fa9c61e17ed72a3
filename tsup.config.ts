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
  // The core loads the default hasher through the package's own `signupkit/bcrypt` subpath, so the native
  // module stays out of every other entry.
  external: [/^signupkit(\/.*)?$/, "kysely"],
});
