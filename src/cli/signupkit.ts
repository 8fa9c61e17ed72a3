#!/usr/bin/env node
/**
 * The `signupkit` command: `npx signupkit migrate --url <database URL> [--dry-run]`.
 * @module
 */
import { migrateCommand } from "./migrate-command.js";

const [command, ...args] = process.argv.slice(2);
const io = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };
if (command === "migrate") {
  void migrateCommand(args, io, process.env).then((code) => {
    process.exitCode = code;
  });
} else {
  io.err("Usage: signupkit migrate --url <database URL> [--dry-run]   (signupkit migrate --help for more)");
  process.exitCode = 2;
}
