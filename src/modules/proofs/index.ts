import { Router } from 'express';
import type { Database } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { isUuid } from '../../shared/ids.ts';
import { requireStaff, requireUser, userOf } from '../auth/index.ts';
import { needsOfOrder } from '../needs/index.ts';
import { isOrderOf, isProcessed, toOwnerView, type OrderViews, type StaffOrderView } from '../orders/index.ts';
import { renderProofPdf, type ProofOrder } from './pdf.ts';
import { genuineProofPage, invalidProofPage, PROOF_CSS } from './page.ts';
import { findProofRecord, isProofCode, issueProofRecord, type ProofRecord } from './records.ts';
import { createProofTokens, loadProofKey } from './token.ts';

export type Proofs = Awaited<ReturnType<typeof createProofs>>;

/** Proof documents of processed orders, and the public page that verifies them. */
export async function createProofs(deps: { db: Database; clock: Clock; views: OrderViews; publicUrl: () => string }) {
  const tokens = createProofTokens(await loadProofKey(deps.db));
  const { db, views } = deps;

  const proofUrlFor = (orderId: string) => `${deps.publicUrl()}/proofs/${tokens.sign(orderId)}`;
  const shortUrlFor = (record: ProofRecord) => `${deps.publicUrl()}/p/${record.code}`;

  async function processedOrder(orderId: string): Promise<StaffOrderView> {
    if (!isUuid(orderId)) throw notFound();
    const [order] = await views.load(db, [orderId], { withCustomer: true });
    if (!order) throw notFound();
    if (!isProcessed(order.status)) {
      throw new AppError('invalid_transition', {
        message: 'La preuve n’existe que pour une commande traitée (en préparation, en livraison ou livrée).',
        details: { status: order.status },
      });
    }
    return order;
  }

  async function sendPdf(res: import('express').Response, order: ProofOrder) {
    const record = await issueProofRecord(db, order.id);
    const needs = await needsOfOrder(db, order.id);
    const pdf = await renderProofPdf(order, { url: proofUrlFor(order.id), shortUrl: shortUrlFor(record), issuer: record.issuer, needs }, deps.clock.now());
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="preuve-${order.number}.pdf"`);
    res.send(pdf);
  }

  /** API: staff download any processed order's proof (staff view); a customer only their own (owner view). */
  const apiRoutes = Router();
  apiRoutes.get('/staff/orders/:id/proof', requireStaff, async (req, res) => {
    await sendPdf(res, await processedOrder(String(req.params.id)));
  });
  apiRoutes.get('/orders/:id/proof', requireUser, async (req, res) => {
    const id = String(req.params.id);
    if (!(await isOrderOf(db, id, userOf(req).id))) throw notFound();
    // The customer's copy is made from what the customer may see: the owner view.
    const order = await processedOrder(id);
    await sendPdf(res, { ...toOwnerView(order), customer: order.customer });
  });
  apiRoutes.get('/proofs/:token', async (req, res) => {
    const orderId = tokens.verify(String(req.params.token));
    const [order] = orderId ? await views.load(db, [orderId], { withCustomer: true }) : [];
    if (!order) throw new AppError('not_found', { message: 'Preuve non reconnue.' });
    const record = await issueProofRecord(db, order.id);
    res.json({
      valid: true,
      issuer: record.issuer,
      issuedAt: record.issuedAt,
      order: {
        id: order.id,
        number: order.number,
        status: order.status,
        createdAt: order.createdAt,
        centre: order.centre,
        totalCents: order.totalCents,
        donationTotalCents: order.donationTotalCents,
      },
    });
  });

  /** The page a QR code opens: anyone holding the link may check it. */
  const pageRoutes = Router();
  pageRoutes.get('/proofs/proof.css', (_req, res) => {
    res.type('text/css').setHeader('Cache-Control', 'public, max-age=86400');
    res.send(PROOF_CSS);
  });
  /** The verification page of an order, with the issuer its proof was issued under. */
  async function sendPage(res: import('express').Response, orderId: string | undefined) {
    const [order] = orderId ? await views.load(db, [orderId], { withCustomer: true }) : [];
    res.setHeader('Cache-Control', 'no-store');
    if (!order) {
      res.status(404).type('html').send(invalidProofPage());
      return;
    }
    const record = await issueProofRecord(db, order.id);
    res.type('html').send(genuineProofPage(order, record, await needsOfOrder(db, order.id)));
  }
  pageRoutes.get('/proofs/:token', async (req, res) => {
    await sendPage(res, tokens.verify(String(req.params.token)));
  });
  // The short link printed under the QR code (typed by hand from paper).
  pageRoutes.get('/p/:code', async (req, res) => {
    const code = String(req.params.code).toUpperCase();
    const record = isProofCode(code) ? await findProofRecord(db, { code }) : undefined;
    await sendPage(res, record?.orderId);
  });

  return { proofUrlFor, apiRoutes, pageRoutes, tokens };
}
