import QRCode from 'qrcode';
import { issuerLines } from '../association/index.ts';
import type { OrderView, StaffOrderView } from '../orders/index.ts';
import { STATUS_LABELS_FR } from '../../shared/labels.ts';
import { PDF_GREY, PDF_RED, pdfEuros as euros, pdfText, startPdf } from '../../shared/pdf.ts';
import type { Issuer } from './records.ts';
import type { OrderNeed } from '../../contract/index.ts';

/**
 * What a proof prints: the staff view for staff, the owner view for the customer (no staff
 * names in its history, issue 15 finding 8) with the customer block, which is the owner's own.
 */
export type ProofOrder = OrderView & Pick<StaffOrderView, 'customer'>;

const ROLE_LABELS_FR: Record<string, string> = {
  customer: 'client',
  staff: 'équipe',
  admin: 'administration',
  payment: 'paiement',
  system: 'système',
};

const shortDay = (day: string) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));

/** "2 × Lait demi-écrémé — besoin « colis bébé de décembre », jusqu'au 24 décembre 2026 (12/20)" */
export const needLine = (n: OrderNeed) =>
  `${n.quantity} × ${n.productName} — besoin${n.note ? ` « ${n.note} »` : ''}${n.until ? `, jusqu’au ${shortDay(n.until)}` : ''} (${n.givenQuantity}/${n.targetQuantity})`;

const dateTime = (iso: string) =>
  pdfText(new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(iso)));

/**
 * The proof of a processed order: who, where, what (for the customer and offered to
 * the centre), how much, which payment, its history — and a QR code to the page that
 * confirms it is genuine.
 */
export async function renderProofPdf(
  order: ProofOrder,
  proof: { url: string; shortUrl: string; issuer: Issuer; needs: OrderNeed[] },
  generatedAt: Date,
): Promise<Buffer> {
  const proofUrl = proof.url;
  const { issuer } = proof;
  const qr = await QRCode.toBuffer(proofUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 360 });
  const { doc, done, left, width } = startPdf(50, {
    Title: `Preuve de commande ${order.number}`,
    Author: pdfText(issuer.name),
    Subject: 'Preuve de commande traitée',
  });
  const red = PDF_RED;
  const grey = PDF_GREY;

  // The issuer: the association's details as they were when this proof was first issued.
  const [issuerName, ...issuerRest] = issuerLines(issuer);
  const headWidth = width - 180;
  doc
    .fillColor(red)
    .font('Helvetica-Bold')
    .fontSize(20)
    .text(pdfText(issuerName ?? 'Panier Solidaire'), left, 50, { width: headWidth });
  doc.font('Helvetica').fontSize(9).fillColor(grey);
  for (const l of issuerRest) doc.text(pdfText(l), { width: headWidth });
  if (issuer.contactEmail) doc.text(pdfText(`Contact : ${issuer.contactEmail}`), { width: headWidth });
  doc
    .moveDown(0.4)
    .fillColor('#000')
    .font('Helvetica-Bold')
    .fontSize(14)
    .text(pdfText(`Preuve de commande traitée — ${order.number}`), { width: headWidth });
  doc
    .moveDown(0.3)
    .font('Helvetica')
    .fontSize(9)
    .fillColor(grey)
    .text(pdfText(`Document émis le ${dateTime(generatedAt.toISOString())}`), { width: headWidth });
  const headBottom = doc.y;
  doc.image(qr, left + width - 110, 45, { width: 110 });
  doc.fontSize(7).text('Vérifier ce document :', left + width - 110, 158, { width: 110, align: 'center' });
  // On one line, whatever the address's length: it is typed from paper.
  doc
    .fillColor('#000')
    .fontSize(doc.fontSize(7).widthOfString(proof.shortUrl) > 170 ? 5.5 : 7)
    .text(proof.shortUrl, left + width - 170, doc.y, { width: 170, align: 'right', link: proof.shortUrl, lineBreak: false });

  doc.moveDown(2).fillColor('#000');
  const field = (label: string, value: string) => {
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(pdfText(`${label} : `), left, doc.y, { continued: true });
    doc.font('Helvetica').text(pdfText(value));
  };
  doc.y = Math.max(190, headBottom + 12);
  field('Commande', order.number);
  field('Passée le', dateTime(order.createdAt));
  field('Statut', STATUS_LABELS_FR[order.status] ?? order.status);
  field('Client', `${order.customer.name}${order.customer.email ? ` <${order.customer.email}>` : ''}`);
  field('Centre', `${order.centre.name}, ${order.centre.address}, ${order.centre.postcode} ${order.centre.city}`);

  const lines = (title: string, items: OrderView['items']) => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).fillColor(red).text(pdfText(title), left);
    doc.fillColor('#000').font('Helvetica').fontSize(10);
    if (items.length === 0) {
      doc.fillColor(grey).text('Aucun article.').fillColor('#000');
      return;
    }
    for (const i of items) {
      const y = doc.y + 2;
      doc.text(pdfText(`${i.quantity} × ${i.name}${i.unit ? ` (${i.unit})` : ''}`), left, y, { width: width - 170 });
      const after = doc.y;
      doc.text(euros(i.unitPriceCents), left + width - 170, y, { width: 80, align: 'right' });
      doc.text(euros(i.lineTotalCents), left + width - 80, y, { width: 80, align: 'right' });
      doc.y = Math.max(after, doc.y);
    }
  };
  lines(
    'Pour le client',
    order.items.filter((i) => !i.donate),
  );
  lines(
    'Offert au centre (Restos du Cœur)',
    order.items.filter((i) => i.donate),
  );
  // Traceability: which of the centre's published needs these gifts went to.
  if (proof.needs.length) {
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(10).fillColor('#000').text('Besoins du centre couverts par ce don :', left);
    doc.font('Helvetica').fontSize(10);
    for (const n of proof.needs) doc.text(pdfText(`• ${needLine(n)}`), left + 10, doc.y, { width: width - 10 });
    doc.x = left;
  }

  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(11).fillColor('#000');
  doc.text(pdfText(`Total payé : ${euros(order.totalCents)}`), left, doc.y, { width, align: 'right' });
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(pdfText(`dont offert au centre : ${euros(order.donationTotalCents)}`), { width, align: 'right' });
  doc.fillColor(grey).fontSize(8).text('Prix coûtant, sans marge.', { width, align: 'right' }).fillColor('#000');

  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).fillColor(red).text('Paiement', left);
  doc.fillColor('#000').font('Helvetica').fontSize(10);
  if (order.payment) {
    field('Prestataire', order.payment.provider === 'stripe' ? 'Stripe' : 'Démonstration');
    field('Référence', order.payment.providerRef ?? '—');
    field('Montant', euros(order.payment.amountCents));
    if (order.payment.refundedCents > 0) field('Remboursé', euros(order.payment.refundedCents));
  } else {
    doc.text('Aucun paiement enregistré.');
  }

  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).fillColor(red).text('Historique', left);
  doc.fillColor('#000').font('Helvetica').fontSize(10);
  for (const h of order.history) {
    const who = h.actorName ? `${h.actorName} (${ROLE_LABELS_FR[h.actorRole] ?? h.actorRole})` : (ROLE_LABELS_FR[h.actorRole] ?? h.actorRole);
    doc.text(pdfText(`${dateTime(h.at)} — ${STATUS_LABELS_FR[h.status] ?? h.status} — ${who}${h.note ? ` — ${h.note}` : ''}`), left, doc.y, { width });
  }

  receiptBlock(doc, { left, width, red, grey, issuer });

  doc
    .moveDown(1.2)
    .fillColor(grey)
    .fontSize(8)
    .text(pdfText(`Authenticité : ${proofUrl}`), left, doc.y, { width, link: proofUrl });
  doc.end();
  return done;
}

/**
 * The centre's acknowledgement: who received the goods, when, and a box to sign or stamp;
 * beside it, who issued the proof for the association. Kept in one piece on one page.
 */
function receiptBlock(doc: PDFKit.PDFDocument, o: { left: number; width: number; red: string; grey: string; issuer: Issuer }) {
  const height = 120;
  if (doc.y + height + 40 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.moveDown(1).font('Helvetica-Bold').fontSize(12).fillColor(o.red).text('Réception par le centre', o.left);
  const top = doc.y + 4;
  const half = (o.width - 16) / 2;
  doc.fillColor('#000').font('Helvetica').fontSize(10);
  doc.text('Reçu par (nom, fonction) :', o.left, top + 6, { width: half });
  doc
    .moveTo(o.left, top + 38)
    .lineTo(o.left + half, top + 38)
    .strokeColor(o.grey)
    .stroke();
  doc.text('Date de réception :', o.left, top + 48, { width: half });
  doc
    .moveTo(o.left, top + 80)
    .lineTo(o.left + half, top + 80)
    .stroke();
  const signatory = [o.issuer.signatoryName, o.issuer.signatoryTitle].filter(Boolean).join(', ');
  if (signatory) {
    doc
      .fillColor(o.grey)
      .fontSize(8)
      .text(pdfText(`Émis pour ${o.issuer.name} par ${signatory}.`), o.left, top + 90, { width: half });
  }
  const boxLeft = o.left + half + 16;
  doc
    .rect(boxLeft, top, half, height - 10)
    .strokeColor(o.grey)
    .stroke();
  doc
    .fillColor(o.grey)
    .fontSize(9)
    .text('Signature et cachet du centre', boxLeft + 8, top + 6, { width: half - 16 });
  doc.fillColor('#000');
  doc.y = top + height;
  doc.x = o.left;
}
