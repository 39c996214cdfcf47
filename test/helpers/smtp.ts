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
 * It can be taken down (connections refused) and brought back on the same port, or told
 * to refuse every session with `421` while it stays up.
 */
export class LocalSmtp {
  readonly received: ReceivedMail[] = [];
  private waiters: Array<{ match: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }> = [];
  url = '';
  /** While true, every connection is answered `421` (a relay that is up but turns mail away). */
  refusing = false;
  private port = 0;

  private server: SMTPServer | undefined;

  private constructor() {}

  static async start(): Promise<LocalSmtp> {
    const self = new LocalSmtp();
    self.port = await self.listen(0);
    self.url = `smtp://127.0.0.1:${self.port}`;
    return self;
  }

  /** A new server listening on `port` (a closed SMTPServer refuses commands for good). */
  private async listen(port: number): Promise<number> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onConnect: (_session, callback) => {
        if (!this.refusing) return callback();
        callback(Object.assign(new Error('Service temporairement indisponible'), { responseCode: 421 }));
      },
      onData: (stream, session, callback) => {
        simpleParser(stream).then(
          (mail) => {
            this.accept({
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
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    return (server.server.address() as AddressInfo).port;
  }

  /** Stops listening: the app's connections are refused until up(). */
  down(): Promise<void> {
    return this.close();
  }

  /** Listens again, on the same port (the app's SMTP_URL is unchanged). */
  async up(): Promise<void> {
    await this.listen(this.port);
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
      const timer = setTimeout(
        () => reject(new Error(`no ${what} within ${timeoutMs} ms; received: ${this.received.map((r) => `${r.rcptTo} "${r.subject}"`).join(', ')}`)),
        timeoutMs,
      );
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
    const server = this.server;
    this.server = undefined;
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}
