import { Router } from 'express';
import { associationPatch, type Association, type AssociationPatch } from '../../contract/index.ts';
import type { Database, Queryable } from '../../db/index.ts';
import { AppError } from '../../shared/errors.ts';
import { parse } from '../../shared/validate.ts';
import { recordAudit, type AuditActor } from '../audit/index.ts';
import { requireAdmin, userOf } from '../auth/index.ts';

/**
 * The association's own details (one row, set by the admin): the issuer named on proofs,
 * and the contact a disabled account is told to write to. Other modules read them through
 * getAssociation() and never touch the table.
 */
export type { Association };

const COLUMNS = `name, address, postcode, city, rna, siret, contact_email, signatory_name, signatory_title,
  object, receipts_enabled, receipt_legal_basis, receipt_nature, updated_at`;
interface Row {
  name: string;
  address: string;
  postcode: string;
  city: string;
  rna: string;
  siret: string;
  contact_email: string;
  signatory_name: string;
  signatory_title: string;
  object: string;
  receipts_enabled: boolean;
  receipt_legal_basis: string;
  receipt_nature: string;
  updated_at: Date;
}
const toAssociation = (r: Row): Association => ({
  name: r.name,
  address: r.address,
  postcode: r.postcode,
  city: r.city,
  rna: r.rna,
  siret: r.siret,
  contactEmail: r.contact_email,
  signatoryName: r.signatory_name,
  signatoryTitle: r.signatory_title,
  object: r.object,
  receiptsEnabled: r.receipts_enabled,
  receiptLegalBasis: r.receipt_legal_basis,
  receiptNature: r.receipt_nature,
  updatedAt: r.updated_at.toISOString(),
});

/** The association's details as they are now. */
export async function getAssociation(db: Queryable): Promise<Association> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM association`);
  return toAssociation(rows[0]!);
}

/** The details every document we issue prints (proofs, receipts): who, where, registered how, signed by whom. */
export function issuerDetails(
  a: Association,
): Pick<Association, 'name' | 'address' | 'postcode' | 'city' | 'rna' | 'siret' | 'signatoryName' | 'signatoryTitle'> {
  return {
    name: a.name,
    address: a.address,
    postcode: a.postcode,
    city: a.city,
    rna: a.rna,
    siret: a.siret,
    signatoryName: a.signatoryName,
    signatoryTitle: a.signatoryTitle,
  };
}

/** The issuer as printed: name, then the address and the registration numbers that are set. */
export function issuerLines(a: Pick<Association, 'name' | 'address' | 'postcode' | 'city' | 'rna' | 'siret'>): string[] {
  const place = [a.address, [a.postcode, a.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const ids = [a.rna && `RNA ${a.rna}`, a.siret && `SIRET ${a.siret}`].filter(Boolean).join(' · ');
  return [a.name, place, ids].filter(Boolean);
}

/** A receipt must name its legal basis, the association's address and object, and who signs it. */
function requireReceiptDetails(a: Association): void {
  const missing: Array<{ field: string; message: string }> = [];
  if (!a.receiptLegalBasis)
    missing.push({ field: 'receiptLegalBasis', message: 'Indiquez le fondement légal des reçus (par exemple « article 200 du CGI »).' });
  if (!a.address || !a.postcode || !a.city) missing.push({ field: 'address', message: 'L’adresse complète de l’association figure sur chaque reçu.' });
  if (!a.object) missing.push({ field: 'object', message: 'L’objet de l’association figure sur chaque reçu.' });
  if (!a.signatoryName) missing.push({ field: 'signatoryName', message: 'Indiquez qui signe les reçus.' });
  if (missing.length) {
    throw new AppError('validation_failed', { message: 'Il manque des informations pour émettre des reçus.', details: missing });
  }
}

/** Changes the details; audited in the same transaction. */
export function updateAssociation(db: Database, actor: AuditActor, patch: AssociationPatch): Promise<Association> {
  return db.transaction(async (tx) => {
    const before = toAssociation((await tx.query<Row>(`SELECT ${COLUMNS} FROM association FOR UPDATE`)).rows[0]!);
    const next = { ...before, ...patch };
    if (next.receiptsEnabled) requireReceiptDetails(next);
    const { rows } = await tx.query<Row>(
      `UPDATE association SET name = $1, address = $2, postcode = $3, city = $4, rna = $5, siret = $6, contact_email = $7,
              signatory_name = $8, signatory_title = $9, object = $10, receipts_enabled = $11, receipt_legal_basis = $12,
              receipt_nature = $13, updated_at = now()
        RETURNING ${COLUMNS}`,
      [
        next.name,
        next.address,
        next.postcode,
        next.city,
        next.rna,
        next.siret,
        next.contactEmail,
        next.signatoryName,
        next.signatoryTitle,
        next.object,
        next.receiptsEnabled,
        next.receiptLegalBasis,
        next.receiptNature,
      ],
    );
    const after = toAssociation(rows[0]!);
    await recordAudit(tx, { actor, action: 'association.update', entityType: 'association', entityId: 'association', before, after });
    return after;
  });
}

/** GET and PUT /api/admin/association. */
export function adminAssociationRoutes(db: Database): Router {
  const r = Router();
  r.use('/admin/association', requireAdmin);
  r.get('/admin/association', async (_req, res) => {
    res.json(await getAssociation(db));
  });
  r.put('/admin/association', async (req, res) => {
    const patch = parse(associationPatch, req.body);
    res.json(await updateAssociation(db, userOf(req), patch));
  });
  return r;
}
