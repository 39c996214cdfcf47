import { amountInFrenchWords } from '../../shared/french-words.ts';
import { PDF_GREY, PDF_RED, pdfEuros as euros, pdfText, startPdf } from '../../shared/pdf.ts';
import type { ReceiptIssuer, ReceiptRecord } from './store.ts';

/** Who gave: their name, and their postal address when we know one, else their email. */
export interface Donor {
  name: string;
  address?: string;
  email: string;
}

const day = (iso: string) => pdfText(new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(new Date(iso)));

type Doc = ReturnType<typeof startPdf>['doc'];

/**
 * The layout of Cerfa n° 11580 ("Reçu au titre des dons à certains organismes d'intérêt
 * général"): the beneficiary, the donor, the amount in figures and in words, the date, the
 * legal basis, the form and nature of the gift, the signatory. One receipt per gift, or one
 * for a year's gifts (`gifts` lists them).
 */
function renderCerfa(
  doc: Doc,
  box: { left: number; width: number },
  r: {
    title: string;
    issuer: ReceiptIssuer;
    donor: Donor;
    amountCents: number;
    dateLabel: string;
    date: string;
    gifts?: Array<{ number: string; at: string; amountCents: number }>;
    voidedAt?: string | null;
    /** A partial refund's correction: the receipt this one replaces, or the one that replaced it. */
    replaces?: string | null;
    replacedBy?: string | null;
    signedAt: string;
  },
): void {
  const { left, width } = box;
  const { issuer } = r;
  const section = (title: string) => {
    doc.moveDown(0.8);
    const y = doc.y;
    doc.rect(left, y, width, 16).fill(PDF_RED);
    doc
      .fillColor('#ffffff')
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(pdfText(title), left + 6, y + 4, { width: width - 12 });
    doc.fillColor('#000000').font('Helvetica').fontSize(10);
    doc.y = y + 22;
    doc.x = left;
  };
  const field = (label: string, value: string) => {
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(pdfText(`${label} : `), left, doc.y, { continued: true, width });
    doc.font('Helvetica').text(pdfText(value || '—'), { width });
  };

  doc.font('Helvetica').fontSize(8).fillColor(PDF_GREY).text('Modèle conforme au Cerfa n° 11580', left, doc.y, { width, align: 'right' });
  doc
    .fillColor('#000000')
    .font('Helvetica-Bold')
    .fontSize(15)
    .text('Reçu au titre des dons à certains organismes d’intérêt général', left, doc.y, { width, align: 'center' });
  doc.font('Helvetica').fontSize(10).text(pdfText(r.title), { width, align: 'center' });
  if (r.voidedAt) {
    doc.moveDown(0.5);
    doc
      .fillColor(PDF_RED)
      .font('Helvetica-Bold')
      .fontSize(14)
      .text(
        pdfText(
          r.replacedBy
            ? `REÇU ANNULÉ le ${day(r.voidedAt)} (don remboursé en partie), remplacé par le reçu n° ${r.replacedBy}`
            : `REÇU ANNULÉ le ${day(r.voidedAt)} (don remboursé ou commande annulée)`,
        ),
        { width, align: 'center' },
      );
    doc.fillColor('#000000');
  }
  if (r.replaces) {
    doc.moveDown(0.3);
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(pdfText(`Annule et remplace le reçu n° ${r.replaces} (don remboursé en partie).`), { width, align: 'center' });
  }

  section('Bénéficiaire des versements');
  field('Nom ou dénomination', issuer.name);
  field('Adresse', [issuer.address, [issuer.postcode, issuer.city].filter(Boolean).join(' ')].filter(Boolean).join(', '));
  const ids = [issuer.rna && `RNA ${issuer.rna}`, issuer.siret && `SIRET ${issuer.siret}`].filter(Boolean).join(' · ');
  if (ids) field('Identification', ids);
  field('Objet', issuer.object);

  section('Donateur');
  field('Nom', r.donor.name);
  if (r.donor.address) field('Adresse', r.donor.address);
  else field('Adresse électronique', r.donor.email);

  section('Dons');
  doc.text('Le bénéficiaire reconnaît avoir reçu au titre des dons et versements ouvrant droit à réduction d’impôt la somme de :', { width });
  doc.moveDown(0.3);
  doc
    .font('Helvetica-Bold')
    .fontSize(13)
    .text(`*** ${euros(r.amountCents)} ***`, { width, align: 'center' });
  doc.moveDown(0.3);
  field('Somme en toutes lettres', amountInFrenchWords(r.amountCents));
  field(r.dateLabel, r.date);
  if (r.gifts?.length) {
    doc.moveDown(0.3);
    doc.font('Helvetica-Bold').fontSize(9).text('Reçus de l’année :', { width });
    doc.font('Helvetica').fontSize(9);
    for (const g of r.gifts) doc.text(pdfText(`${g.number} — ${day(g.at)} — ${euros(g.amountCents)}`), left + 12, doc.y, { width: width - 12 });
    doc.x = left;
  }
  doc.moveDown(0.5);
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(
      pdfText(
        `Le bénéficiaire certifie sur l’honneur que les dons et versements qu’il reçoit ouvrent droit à la réduction d’impôt prévue à : ${issuer.receiptLegalBasis}.`,
      ),
      left,
      doc.y,
      {
        width,
      },
    );
  doc.moveDown(0.3);
  field('Forme du don', 'déclaration de don manuel');
  field('Nature du don', issuer.receiptNature);

  section('Date et signature');
  field('Fait le', `${r.signedAt}${issuer.city ? `, à ${issuer.city}` : ''}`);
  field('Signataire', [issuer.signatoryName, issuer.signatoryTitle].filter(Boolean).join(', '));
  doc.moveDown(0.8);
  doc
    .fontSize(8)
    .fillColor(PDF_GREY)
    .text(
      pdfText(
        `Le texte de ce reçu et l’éligibilité des dons à une réduction d’impôt relèvent de la seule responsabilité de ${issuer.name}. Document émis électroniquement.`,
      ),
      left,
      doc.y,
      { width },
    );
}

/** One gift's receipt, with the issuer's details as they were when it was issued. */
export async function renderReceiptPdf(receipt: ReceiptRecord, donor: Donor): Promise<Buffer> {
  const { doc, done, left, width } = startPdf(45, { Title: `Reçu fiscal ${receipt.number}`, Author: pdfText(receipt.issuer.name) });
  renderCerfa(
    doc,
    { left, width },
    {
      title: `Numéro d’ordre du reçu : ${receipt.number}`,
      issuer: receipt.issuer,
      donor,
      amountCents: receipt.amountCents,
      dateLabel: 'Date du don',
      date: day(receipt.issuedAt),
      voidedAt: receipt.voidedAt,
      replaces: receipt.replaces,
      replacedBy: receipt.replacedBy,
      signedAt: day(receipt.issuedAt),
    },
  );
  doc.end();
  return done;
}

/** One receipt for a year's gifts (void ones left out), listing each gift's receipt; issued by the association as it is now. */
export async function renderYearReceiptPdf(year: number, receipts: ReceiptRecord[], donor: Donor, issuer: ReceiptIssuer, issuedAt: Date): Promise<Buffer> {
  const kept = receipts.filter((r) => !r.void);
  const { doc, done, left, width } = startPdf(45, { Title: `Reçu fiscal récapitulatif ${year}`, Author: pdfText(issuer.name) });
  renderCerfa(
    doc,
    { left, width },
    {
      title: `Reçu récapitulatif des dons de l’année ${year}`,
      issuer,
      donor,
      amountCents: kept.reduce((s, r) => s + r.amountCents, 0),
      dateLabel: 'Dates des dons',
      date: kept.length ? `du ${day(kept[0]!.issuedAt)} au ${day(kept.at(-1)!.issuedAt)}` : '',
      gifts: kept.map((r) => ({ number: r.number, at: r.issuedAt, amountCents: r.amountCents })),
      signedAt: day(issuedAt.toISOString()),
    },
  );
  doc.end();
  return done;
}
