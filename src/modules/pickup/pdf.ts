import type { PickupDay } from '../../contract/index.ts';
import { STATUS_LABELS_FR } from '../../shared/labels.ts';
import { PDF_GREY, PDF_RED, pdfText, startPdf } from '../../shared/pdf.ts';

const time = (iso: string) => new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(iso));
const longDay = (day: string) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeZone: 'Europe/Paris' }).format(new Date(`${day}T12:00:00Z`));
const dateTime = (at: Date) => pdfText(new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(at));

/**
 * The day's pickups on paper, for when everything is down: per centre and slot, each order
 * with its customer, what to hand over, and a box to tick and a signature column. Same
 * layout conventions as the proof document (A4, Helvetica, the brand red for headings).
 */
export async function renderPickupDayPdf(day: PickupDay, generatedAt: Date): Promise<Buffer> {
  const { doc, done, left, width } = startPdf(40, { Title: `Retraits du ${day.day}`, Author: 'Panier Solidaire', Subject: 'Liste des retraits du jour' });
  const red = PDF_RED;
  const grey = PDF_GREY;
  const bottom = doc.page.height - doc.page.margins.bottom;
  const room = (h: number) => {
    if (doc.y + h > bottom) doc.addPage();
  };

  doc.fillColor(red).font('Helvetica-Bold').fontSize(18).text('Panier Solidaire', left, 40);
  doc
    .fillColor('#000')
    .fontSize(13)
    .text(pdfText(`Retraits du ${longDay(day.day)}`));
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor(grey)
    .text(pdfText(`Attendus : ${day.expected} — remis : ${day.collected} — manquants : ${day.missing}. Liste émise le ${dateTime(generatedAt)}.`));
  if (day.centres.length === 0) doc.moveDown().fillColor('#000').fontSize(11).text('Aucun retrait attendu ce jour.');

  const cols = { box: left, number: left + 18, name: left + 110, lines: left + 290, slot: left + 350, sign: left + 420 };
  for (const c of day.centres) {
    room(60);
    doc
      .moveDown(1)
      .font('Helvetica-Bold')
      .fontSize(12)
      .fillColor(red)
      .text(pdfText(`${c.centre.name} — ${c.centre.city}`), left, doc.y, { width });
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor(grey)
      .text(pdfText(`Attendus : ${c.expected} — remis : ${c.collected} — manquants : ${c.missing}`), left, doc.y, { width });
    for (const s of c.slots) {
      room(40);
      const title = s.slot ? `Créneau ${time(s.slot.start)} – ${time(s.slot.end)}` : 'Sans créneau';
      doc
        .moveDown(0.5)
        .font('Helvetica-Bold')
        .fontSize(10)
        .fillColor('#000')
        .text(pdfText(`${title} (${s.collected}/${s.expected} remis)`), left, doc.y, { width });
      doc.font('Helvetica').fontSize(9);
      for (const o of s.orders) {
        room(16);
        const y = doc.y + 3;
        doc.rect(cols.box, y, 9, 9).stroke();
        if (o.collectedAt) doc.text('X', cols.box + 2, y + 1, { width: 9 });
        doc.text(o.number, cols.number, y, { width: 88 });
        doc.text(pdfText(o.customerName), cols.name, y, { width: 175 });
        const after = doc.y;
        doc.text(pdfText(`${o.lines} ligne${o.lines > 1 ? 's' : ''}, ${o.units} art.`), cols.lines, y, { width: 60 });
        doc.text(o.pickupSlot ? time(o.pickupSlot.start) : '—', cols.slot, y, { width: 60 });
        // Handed over: when and by whom; not at the centre yet: its status; else a line to sign.
        const sign = o.collectedAt
          ? pdfText(`remis ${time(o.collectedAt)}${o.collectedBy ? ` (${o.collectedBy})` : ''}`)
          : o.status !== day.waitingStatus
            ? pdfText(`à venir : ${(STATUS_LABELS_FR[o.status] ?? o.status).toLowerCase()}`)
            : '......................';
        doc
          .fillColor(grey)
          .text(sign, cols.sign, y, {
            width: left + width - cols.sign,
          })
          .fillColor('#000');
        doc.y = Math.max(after, doc.y);
      }
    }
  }
  doc.end();
  return done;
}
