import { issuerLines } from '../association/index.ts';
import type { StaffOrderView } from '../orders/index.ts';
import type { ProofRecord } from './records.ts';
import type { OrderNeed } from '../../contract/index.ts';
import { needLine } from './pdf.ts';
// Every value from the database passes through esc (HTML escaping).
import { escapeHtml as esc } from '../../shared/html.ts';
import { STATUS_LABELS_FR } from '../../shared/labels.ts';

const euros = (cents: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);
const date = (iso: string) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(iso));

/** Only the customer's initials: whoever scans the proof learns what it covers, not who they are. */
const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `${w[0]!.toUpperCase()}.`)
    .join(' ');

// Fits a 360 px phone: nothing wider than the screen, long references wrap, the list of
// facts becomes one column on narrow screens.
export const PROOF_CSS = `*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#fbf7f2;color:#1d1d1f;margin:0;padding:1rem .75rem;line-height:1.45;overflow-wrap:anywhere}
.brand{max-width:40rem;margin:0 auto .75rem;display:flex;align-items:center;gap:.6rem;color:#b00d27;font-weight:700;font-size:1.1rem}
.brand svg{flex:none;width:2rem;height:2rem}
main{max-width:40rem;margin:0 auto;background:#fff;border-radius:12px;padding:1.25rem 1rem;box-shadow:0 2px 12px rgba(0,0,0,.08);min-width:0}
.issuer{border-left:4px solid #b00d27;background:#fbf7f2;padding:.6rem .8rem;margin:1rem 0;border-radius:0 8px 8px 0}
.issuer strong{display:block;font-size:1.05rem}.issuer span{display:block;color:#444;font-size:.9rem}
h1{font-size:1.35rem;margin:.5rem 0}h2{font-size:1.1rem;margin:1.2rem 0 .4rem}.ok{color:#0a6b2d}.ko{color:#b00d27}
.badge{display:inline-block;font-weight:600;padding:.25rem .75rem;border-radius:999px}
.ok.badge{background:#e3f5e9}.ko.badge{background:#fde8eb}
dl{display:grid;grid-template-columns:minmax(0,max-content) minmax(0,1fr);gap:.4rem 1rem;margin:0}dt{font-weight:600}dd{margin:0;min-width:0}
@media (max-width:30rem){dl{grid-template-columns:minmax(0,1fr)}dd{margin-bottom:.4rem}}
ul{padding-left:1.2rem}small{color:#555}
@media (min-width:40rem){body{padding:2rem 1rem}main{padding:2rem}}`;

// The shop's mark (a basket with a heart), drawn in the page: no request, no script.
const LOGO = `<svg viewBox="0 0 32 32" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="8" fill="#b00d27"/><path d="M7 13h18l-2 11H9z" fill="#fff"/><path d="M16 21.5l-3.2-3a1.9 1.9 0 0 1 2.7-2.7l.5.5.5-.5a1.9 1.9 0 0 1 2.7 2.7z" fill="#b00d27"/><path d="M11 13l3-5M21 13l-3-5" stroke="#fff" stroke-width="2" stroke-linecap="round"/></svg>`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — Panier Solidaire</title><link rel="stylesheet" href="/proofs/proof.css"></head>
<body><header class="brand">${LOGO}<span>Panier Solidaire</span></header><main>${body}</main></body></html>`;
}

/** Who issued the proof: the association's details as they were at issue time. */
function issuerBlock(record: ProofRecord): string {
  const [name, ...rest] = issuerLines(record.issuer);
  const signatory = [record.issuer.signatoryName, record.issuer.signatoryTitle].filter(Boolean).join(', ');
  const lines = [...rest, ...(record.issuer.contactEmail ? [record.issuer.contactEmail] : []), ...(signatory ? [`Signataire : ${signatory}`] : [])];
  return `<section class="issuer" aria-label="Émetteur"><small>Émis par</small><strong>${esc(name ?? '')}</strong>${lines.map((l) => `<span>${esc(l)}</span>`).join('')}</section>`;
}

export function genuineProofPage(order: StaffOrderView, record: ProofRecord, needs: OrderNeed[]): string {
  const given = order.items.filter((i) => i.donate);
  const kept = order.items.filter((i) => !i.donate);
  const list = (items: StaffOrderView['items']) =>
    items.length ? `<ul>${items.map((i) => `<li>${i.quantity} × ${esc(i.name)}</li>`).join('')}</ul>` : '<p><small>Aucun article.</small></p>';
  return layout(
    `Preuve ${order.number}`,
    `<p class="ok badge">✓ Preuve authentique</p>
<h1>Commande ${esc(order.number)}</h1>
<p>Ce document a bien été émis le ${esc(date(record.issuedAt))} pour la commande suivante.</p>
${issuerBlock(record)}
<dl>
<dt>Passée le</dt><dd>${esc(date(order.createdAt))}</dd>
<dt>Statut actuel</dt><dd>${esc(STATUS_LABELS_FR[order.status] ?? order.status)}</dd>
<dt>Centre</dt><dd>${esc(order.centre.name)}<br>${esc(order.centre.address)}, ${esc(order.centre.postcode)} ${esc(order.centre.city)}</dd>
<dt>Client</dt><dd>${esc(initials(order.customer.name))}</dd>
<dt>Total</dt><dd>${esc(euros(order.totalCents))}</dd>
<dt>Offert au centre</dt><dd>${esc(euros(order.donationTotalCents))}</dd>
<dt>Paiement</dt><dd>${esc(order.payment?.providerRef ?? '—')}</dd>
</dl>
<h2>Pour le client</h2>${list(kept)}
<h2>Offert au centre</h2>${list(given)}
${needs.length ? `<h2>Besoins du centre couverts</h2><ul>${needs.map((n) => `<li>${esc(needLine(n))}</li>`).join('')}</ul>` : ''}`,
  );
}

export function invalidProofPage(): string {
  return layout(
    'Preuve invalide',
    `<p class="ko badge">✗ Preuve non reconnue</p><h1>Ce lien ne correspond à aucune preuve émise par Panier Solidaire.</h1>
<p>Il a pu être mal recopié ou modifié. Demandez au centre ou à l’équipe de vous transmettre le document d’origine.</p>`,
  );
}
