import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^signupkit$/, replacement: src("index.ts") },
      { find: /^signupkit\/(.*)$/, replacement: src("entries/$1.ts") },
      { find: /^#default-hasher$/, replacement: src("default-hasher/node.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/support/load-dictionary.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
