import { Router } from 'express';
import { adminReceiptsQuery, receiptNumberParams, receiptsQuery, receiptYearParams, type AdminReceipts, type Receipt } from '../../contract/index.ts';
import type { Database, Queryable, Transaction } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { csvDateTime, csvEuros, sendSheet } from '../../shared/csv.ts';
import { notFound } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import { parisDate } from '../../shared/paris-time.ts';
import { parseQuery } from '../../shared/validate.ts';
import { getAssociation, issuerDetails, type Association } from '../association/index.ts';
import { findUserById, namesByIds, postalAddressesByIds, postalAddressLine, requireAdmin, requireUser, userOf } from '../auth/index.ts';
import { orderNumbersByIds, type StatusChange } from '../orders/index.ts';
import { renderReceiptPdf, renderYearReceiptPdf, type Donor } from './pdf.ts';
import {
  allocateNumber,
  insertReceipt,
  liveReceiptOf,
  receiptByNumber,
  receiptsOfUser,
  receiptsOfYear,
  toReceipt,
  voidReceiptOf,
  type ReceiptIssuer,
  type ReceiptRecord,
} from './store.ts';

/**
 * Tax receipts for gifts (issue 20, point 3), when the association enables them: each paid
 * order's gift (its donated lines at cost price) gets a receipt RF-YYYY-NNNNNN, numbered in
 * the transaction that marks the order paid; a refund or a cancellation after payment makes
 * it void (kept, never renumbered). Owns `receipts` and `receipt_counters`.
 */
export type { ReceiptRecord };

const parisYear = (at: Date) => Number(parisDate(at).slice(0, 4));

const issuerOf = (a: Association): ReceiptIssuer => ({
  ...issuerDetails(a),
  object: a.object,
  receiptLegalBasis: a.receiptLegalBasis,
  receiptNature: a.receiptNature,
});

/** A person's receipts, every year (the account's data export). */
export async function receiptsExportFor(db: Queryable, userId: string): Promise<Receipt[]> {
  return (await receiptsOfUser(db, userId)).map(toReceipt);
}

export function createReceipts(deps: { db: Database; clock: Clock; logger: Logger; exportMaxRows: number }) {
  const { db, clock } = deps;

  /**
   * Orders' status listener, in the transaction of the change: a paid order's gift gets its
   * receipt (when enabled and there is a gift); a paid order canceled voids it. Not contained:
   * if the receipt cannot be written, the payment's transaction fails with it and the
   * provider's report is taken again later (a paid gift never misses its receipt).
   */
  async function onStatusChange(tx: Transaction, change: StatusChange): Promise<void> {
    if (change.to === 'paid' && change.from === 'pending_payment') {
      const amountCents = change.order.donationTotalCents;
      if (amountCents <= 0) return;
      const association = await getAssociation(tx);
      if (!association.receiptsEnabled) return;
      // The gift's date is its payment's, as the order's history (and the giving record) have it.
      const paid = change.order.history.filter((e) => e.status === 'paid').at(-1);
      const issuedAt = paid ? new Date(paid.at) : clock.now();
      const year = parisYear(issuedAt);
      const { seq, number } = await allocateNumber(tx, year);
      await insertReceipt(tx, {
        number,
        year,
        seq,
        orderId: change.orderId,
        userId: change.order.customer.id,
        amountCents,
        issuedAt,
        issuer: issuerOf(association),
      });
      tx.afterCommit(() => deps.logger.info({ orderId: change.orderId, receipt: number }, 'receipt issued'));
    } else if (change.to === 'canceled' && change.from !== 'pending_payment') {
      if (await voidReceiptOf(tx, change.orderId, clock.now())) {
        tx.afterCommit(() => deps.logger.info({ orderId: change.orderId }, 'receipt voided'));
      }
    }
  }

  /**
   * Payments' partial-refund listener, in the refund's transaction: a receipt may not say more
   * was given than the donor still paid. When the order's net payment falls below its live
   * receipt's amount, that receipt is voided and a new one, numbered next in the gift's year,
   * is issued for the net amount under the same issuer and gift date, naming the one it
   * replaces (a receipt is never changed once issued). A refund that leaves the gift covered
   * (a mixed order's own lines refunded) changes nothing. A full refund cancels the order,
   * which voids the receipt through `onStatusChange`.
   */
  async function onPartialRefund(tx: Transaction, refund: { orderId: string; netPaidCents: number }): Promise<void> {
    const live = await liveReceiptOf(tx, refund.orderId);
    if (!live || live.amountCents <= refund.netPaidCents) return;
    await voidReceiptOf(tx, refund.orderId, clock.now());
    if (refund.netPaidCents <= 0) return;
    const { seq, number } = await allocateNumber(tx, live.year);
    await insertReceipt(tx, {
      number,
      year: live.year,
      seq,
      orderId: refund.orderId,
      userId: live.userId,
      amountCents: refund.netPaidCents,
      issuedAt: new Date(live.issuedAt),
      issuer: live.issuer,
      replaces: live.number,
    });
    tx.afterCommit(() => deps.logger.info({ orderId: refund.orderId, receipt: number, replaces: live.number }, 'receipt replaced after a partial refund'));
  }

  /** The donor as the receipt names them: their postal address when they gave one on their account, else their email. */
  async function donorOf(userId: string): Promise<Donor> {
    const person = await findUserById(db, userId);
    const address = (await postalAddressesByIds(db, [userId])).get(userId);
    return { name: person?.name ?? '', email: person?.email ?? '', ...(address ? { address: postalAddressLine(address) } : {}) };
  }

  const sendPdf = (res: import('express').Response, name: string, pdf: Buffer) => {
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="${name}.pdf"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(pdf);
  };

  const account = Router();
  account.get('/account/receipts', requireUser, async (req, res) => {
    const { year } = parseQuery(receiptsQuery, req.query);
    res.setHeader('Cache-Control', 'no-store');
    res.json((await receiptsOfUser(db, userOf(req).id, year)).map(toReceipt));
  });
  // Before ":number.pdf": one receipt for a whole year's gifts.
  account.get('/account/receipts/year/:year.pdf', requireUser, async (req, res) => {
    const { year } = parseQuery(receiptYearParams, { year: req.params.year });
    const me = userOf(req);
    const receipts = await receiptsOfUser(db, me.id, year);
    const kept = receipts.filter((r) => !r.void);
    if (kept.length === 0) throw notFound();
    // Issued under the details of the year's latest receipt: what the single receipts said.
    const pdf = await renderYearReceiptPdf(year, kept, await donorOf(me.id), kept.at(-1)!.issuer, clock.now());
    sendPdf(res, `recu-fiscal-${year}`, pdf);
  });
  account.get('/account/receipts/:number.pdf', requireUser, async (req, res) => {
    const { number } = parseQuery(receiptNumberParams, { number: req.params.number });
    const me = userOf(req);
    const receipt = await receiptByNumber(db, number);
    // Someone else's receipt is not found, exactly like one that does not exist.
    if (!receipt || receipt.userId !== me.id) throw notFound();
    sendPdf(res, `recu-fiscal-${receipt.number}`, await renderReceiptPdf(receipt, await donorOf(me.id)));
  });

  const admin = Router();
  admin.get('/admin/receipts', requireAdmin, async (req, res) => {
    const query = parseQuery(adminReceiptsQuery, req.query);
    const year = query.year ?? parisYear(clock.now());
    const receipts = await receiptsOfYear(db, year, deps.exportMaxRows);
    const donors = receipts.flatMap((r) => (r.userId ? [r.userId] : []));
    const [names, addresses, numbers] = [
      await namesByIds(db, donors),
      await postalAddressesByIds(db, donors),
      await orderNumbersByIds(
        db,
        receipts.map((r) => r.orderId),
      ),
    ];
    const items = receipts.map((r) => {
      const person = r.userId ? names.get(r.userId) : undefined;
      const address = r.userId ? addresses.get(r.userId) : undefined;
      return {
        ...toReceipt(r),
        orderNumber: numbers.get(r.orderId) ?? '',
        donor: person && r.userId ? { id: r.userId, name: person.name, email: person.email, address: address ? postalAddressLine(address) : null } : null,
      };
    });
    res.setHeader('Cache-Control', 'no-store');
    if (query.format === 'csv') {
      await sendSheet(
        res,
        'csv',
        `recus-fiscaux-${year}`,
        ['Numéro', 'Date du don', 'Commande', 'Donateur', 'E-mail', 'Adresse', 'Montant (€)', 'Annulé', 'Annulé le', 'Remplace'],
        items.map((i) => [
          i.number,
          csvDateTime(i.issuedAt),
          i.orderNumber,
          i.donor?.name ?? '(compte supprimé)',
          i.donor?.email ?? '',
          i.donor?.address ?? '',
          csvEuros(i.amountCents, 'fr'),
          i.void ? 'oui' : 'non',
          i.voidedAt ? csvDateTime(i.voidedAt) : '',
          i.replaces ?? '',
        ]),
      );
      return;
    }
    const kept = items.filter((i) => !i.void);
    const answer: AdminReceipts = { year, count: kept.length, totalCents: kept.reduce((s, i) => s + i.amountCents, 0), items };
    res.json(answer);
  });

  return { onStatusChange, onPartialRefund, routers: [account, admin] };
}

export type Receipts = ReturnType<typeof createReceipts>;
