import PDFDocument from 'pdfkit';

/**
 * What every document we print shares (proofs, the day's pickups, a donor's yearly summary):
 * A4 with pdfkit's built-in Helvetica, the brand red for headings, grey for small print.
 */
export const PDF_RED = '#b00d27';
export const PDF_GREY = '#555555';

// The built-in fonts speak WinAnsi: the narrow no-break spaces of French number and date
// formatting are turned into plain spaces so they print cleanly.
export const pdfText = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

export const pdfEuros = (cents: number) => pdfText(new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100));

/** A new A4 document collected in memory: `done` resolves with its bytes once `doc.end()` is called. */
export function startPdf(margin: number, info: PDFKit.DocumentInfo) {
  const doc = new PDFDocument({ size: 'A4', margin, info });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const left = doc.page.margins.left;
  return { doc, done, left, width: doc.page.width - left - doc.page.margins.right };
}
