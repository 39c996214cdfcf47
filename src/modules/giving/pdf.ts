import type { GivingRecord } from '../../contract/index.ts';
import { issuerLines, type Association } from '../association/index.ts';

import { PDF_GREY, PDF_RED, pdfEuros as euros, pdfText, startPdf } from '../../shared/pdf.ts';

const day = (iso: string) => pdfText(new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(new Date(iso)));

/**
 * A donor's yearly summary of their paid gifts, to keep: the issuer (the association's
 * details), the donor, one line per order (date, number, centre, units, amount at cost
 * price), the year's total. Not a tax receipt (the document says so).
 */
export async function renderGivingPdf(record: GivingRecord, who: { donor: string; issuer: Association }, generatedAt: Date): Promise<Buffer> {
  const { doc, done, left, width } = startPdf(50, {
    Title: `Récapitulatif des dons ${record.year}`,
    Author: pdfText(who.issuer.name || 'Panier Solidaire'),
  });
  const red = PDF_RED;
  const grey = PDF_GREY;

  const [issuerName, ...issuerRest] = issuerLines(who.issuer);
  doc
    .fillColor(red)
    .font('Helvetica-Bold')
    .fontSize(18)
    .text(pdfText(issuerName || 'Panier Solidaire'));
  doc.font('Helvetica').fontSize(9).fillColor(grey);
  for (const line of issuerRest) doc.text(pdfText(line));
  doc.moveDown(1.5);
  doc.fillColor('#000000').font('Helvetica-Bold').fontSize(15).text(`Récapitulatif de vos dons ${record.year}`);
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(pdfText(`Donateur : ${who.donor}`));
  doc.fillColor(grey).text(`Dons en nature achetés au prix coûtant pour les Restos du Cœur, commandes payées en ${record.year} (heure de Paris).`);
  doc.moveDown();

  const cols = [0, 95, 185, 390, 430].map((x) => left + x);
  const row = (cells: string[], bold = false) => {
    const y = doc.y;
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(9)
      .fillColor('#000000');
    doc.text(cells[0]!, cols[0], y, { width: 90 });
    doc.text(cells[1]!, cols[1], y, { width: 85 });
    doc.text(cells[2]!, cols[2], y, { width: 200 });
    doc.text(cells[3]!, cols[3], y, { width: 35, align: 'right' });
    doc.text(cells[4]!, cols[4], y, { width: left + width - cols[4]!, align: 'right' });
    doc.x = left;
    doc.moveDown(0.4);
  };
  row(['Date', 'Commande', 'Centre', 'Unités', 'Montant'], true);
  for (const o of record.orders) row([day(o.at), o.number, pdfText(`${o.centre.name} (${o.centre.city})`), String(o.units), euros(o.donatedCents)]);
  doc.moveDown(0.5);
  row(['Total', `${record.orders.length} commande(s)`, '', String(record.units), euros(record.totalCents)], true);
  doc.moveDown(2);
  doc
    .font('Helvetica')
    .fontSize(8)
    .fillColor(grey)
    .text(`Document établi le ${day(generatedAt.toISOString())}. Ce récapitulatif n’est pas un reçu fiscal.`, left, doc.y, { width });
  doc.end();
  return done;
}
