import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface ReceivedMail {
  /** The envelope's recipients (RCPT TO). */
  rcptTo: string[];
  mail: ParsedMail;
  subject: string;
  text: string;
  html: string;
}

/**
 * A real SMTP server in the test process (the `smtp-server` package), on a random port:
 * every message the app sends is parsed with `mailparser` and kept for assertions.
 * waitFor() resolves as soon as a matching message arrives (no sleeping).
 */
export class LocalSmtp {
  readonly received: ReceivedMail[] = [];
  private waiters: Array<{ match: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }> = [];
  url = '';

  private constructor(private readonly server: SMTPServer) {}

  static async start(): Promise<LocalSmtp> {
    let self: LocalSmtp | undefined;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream).then(
          (mail) => {
            self!.accept({
              rcptTo: session.envelope.rcptTo.map((r) => r.address),
              mail,
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
            });
            callback();
          },
          (err: Error) => callback(err),
        );
      },
    });
    self = new LocalSmtp(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    self.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    return self;
  }

  private accept(m: ReceivedMail): void {
    this.received.push(m);
    this.waiters = this.waiters.filter((w) => {
      if (!w.match(m)) return true;
      w.resolve(m);
      return false;
    });
  }

  /** The first message (already received or to come) that matches. */
  waitFor(match: (m: ReceivedMail) => boolean, what = 'a matching mail', timeoutMs = 20_000): Promise<ReceivedMail> {
    const found = this.received.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${timeoutMs} ms; received: ${this.received.map((r) => `${r.rcptTo} "${r.subject}"`).join(', ')}`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  /** Messages received so far for one recipient. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.rcptTo.some((r) => r.toLowerCase() === address.toLowerCase()));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
