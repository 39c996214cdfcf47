import type { Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import writeXlsxFile from 'write-excel-file/node';
import type { Lang } from './labels.ts';

/**
 * CSV for volunteers opening it in a spreadsheet: `;` separated (French Excel), UTF-8 with a
 * BOM (accents read right), dates in Paris time, amounts with the language's decimal mark.
 */

/** A cell a spreadsheet would run as a formula (= + - @, tab, carriage return) is neutralised with a leading quote. */
export const csvCell = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

const DATE_TIME = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });
/** "27/11/2026 17:05", in Paris time, in both languages (day first, as spreadsheets in France and Britain read it). */
export function csvDateTime(iso: string): string {
  return DATE_TIME.format(new Date(iso));
}

/** Euros from cents: "12,50" in French, "12.50" in English. */
export function csvEuros(cents: number, lang: Lang): string {
  const s = (cents / 100).toFixed(2);
  return lang === 'en' ? s : s.replace('.', ',');
}

export type SheetFormat = 'csv' | 'xlsx';

/**
 * Answers a table as a download: CSV (every data cell through csvCell), or an .xlsx workbook
 * (write-excel-file) whose cells are typed text and numbers, never formulas. `name` is the
 * file name without its extension.
 */
export async function sendSheet(res: Response, format: SheetFormat, name: string, header: string[], rows: Array<Array<string | number>>): Promise<void> {
  res.setHeader('Content-Disposition', `attachment; filename="${name}.${format}"`);
  if (format === 'xlsx') {
    const data = [header.map((value) => ({ value, fontWeight: 'bold' as const })), ...rows.map((r) => r.map((value) => ({ value })))];
    const buffer = await writeXlsxFile(data, { stickyRowsCount: 1 }).toBuffer();
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.send(buffer);
    return;
  }
  const cells = rows.map((r) => r.map((v) => csvCell(String(v))));
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.send(`\ufeff${stringify([header, ...cells], { delimiter: ';' })}`);
}
