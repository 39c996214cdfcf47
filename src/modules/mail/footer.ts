import type { Association } from '../../contract/index.ts';
import type { Mailer, MailMessage } from './mailer.ts';
import { esc } from './messages.ts';

/** What every mail's footer says of the association (Admin → Association). */
export type MailSignature = Pick<Association, 'name' | 'address' | 'postcode' | 'city' | 'contactEmail'>;

/** The footer's lines: the association's name, its address and its contact, those that are set. */
export function senderLines(a: MailSignature): string[] {
  const place = [a.address, [a.postcode, a.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [a.name, place, a.contactEmail].filter(Boolean);
}

/** A message with the footer under its last words: a "-- " signature in text, a small paragraph in HTML. */
export function withFooter(message: MailMessage, sender: MailSignature): MailMessage {
  const lines = senderLines(sender);
  if (!lines.length) return message;
  const html = lines.map((l) => (l === sender.contactEmail ? `<a href="mailto:${esc(l)}">${esc(l)}</a>` : esc(l))).join('<br>');
  return {
    ...message,
    text: `${message.text}\n-- \n${lines.join('\n')}\n`,
    html: message.html.replace('</body>', `<hr style="border:0;border-top:1px solid #ccc">\n<p style="color:#555;font-size:.9em">${html}</p>\n</body>`),
  };
}

/**
 * The mailer seam with every message signed by the association as its details are when it
 * is sent (queued mails included). Reading them may fail (the database is away): the mail
 * still goes, without its footer, rather than not at all.
 */
export function signedMailer(mailer: Mailer, sender: () => Promise<MailSignature>, onError: (err: unknown) => void = () => undefined): Mailer {
  return {
    kind: mailer.kind,
    async send(message) {
      const details = await sender().catch((err: unknown) => {
        onError(err);
        return undefined;
      });
      await mailer.send(details ? withFooter(message, details) : message);
    },
    forget: (address) => mailer.forget(address),
    close: () => mailer.close(),
  };
}
