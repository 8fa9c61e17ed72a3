/**
 * A mailer for the demo: prints each mail's recipient, subject and link(s) to the console instead of sending it.
 * It prints live tokens: for local development only.
 */
import type { Mailer, MailMessage } from "signupkit";

/** Creates a mailer that writes every message's summary and links to `log` (default `console.log`). */
export function createConsoleMailer(log: (line: string) => void = console.log): Mailer {
  return {
    async send(message: MailMessage) {
      log(`[mail] ${message.kind} mail to ${message.to}: ${message.subject}`);
      for (const link of message.text.match(/https?:\/\/\S+/g) ?? []) log(`[mail]   link: ${link}`);
    },
  };
}
