import type { Mailer, MailMessage } from "../../ports/mailer.js";

/** A mailer that keeps what it was asked to send, for tests and demos. */
export interface MemoryMailer extends Mailer {
  /** Every message accepted so far, oldest first. */
  readonly messages: MailMessage[];
  /** The newest message to an address, if any. */
  lastTo(address: string): MailMessage | undefined;
  /** Forgets every message. */
  clear(): void;
}

/**
 * Creates a {@link MemoryMailer}.
 *
 * @example
 * const mailer = createMemoryMailer();
 * // ... sign up with confirmation mail on ...
 * const link = mailer.lastTo("taro@example.com")?.text.match(/https:\S+/)?.[0];
 */
export function createMemoryMailer(): MemoryMailer {
  const messages: MailMessage[] = [];
  return {
    messages,
    async send(message) {
      messages.push({ ...message });
    },
    lastTo(address) {
      for (let i = messages.length - 1; i >= 0; i--) {
        if (messages[i]?.to === address) return messages[i];
      }
      return undefined;
    },
    clear() {
      messages.length = 0;
    },
  };
}
