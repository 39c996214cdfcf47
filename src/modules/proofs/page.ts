import type { StaffOrderView } from '../orders/index.ts';
// Every value from the database passes through esc (HTML escaping).
import { escapeHtml as esc } from '../../shared/html.ts';
import { STATUS_LABELS_FR } from './pdf.ts';

const euros = (cents: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);
const date = (iso: string) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(iso));

/** Only the customer's initials: whoever scans the proof learns what it covers, not who they are. */
const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `${w[0]!.toUpperCase()}.`)
    .join(' ');

export const PROOF_CSS = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#fbf7f2;color:#1d1d1f;margin:0;padding:2rem 1rem}
main{max-width:40rem;margin:0 auto;background:#fff;border-radius:12px;padding:2rem;box-shadow:0 2px 12px rgba(0,0,0,.08)}
h1{font-size:1.5rem;margin:.5rem 0}.ok{color:#0a6b2d}.ko{color:#b00d27}.badge{display:inline-block;font-weight:600;padding:.25rem .75rem;border-radius:999px}
.ok.badge{background:#e3f5e9}.ko.badge{background:#fde8eb}dl{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1rem}dt{font-weight:600}
ul{padding-left:1.2rem}small{color:#555}`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — Panier Solidaire</title><link rel="stylesheet" href="/proofs/proof.css"></head>
<body><main>${body}</main></body></html>`;
}

export function genuineProofPage(order: StaffOrderView): string {
  const given = order.items.filter((i) => i.donate);
  const kept = order.items.filter((i) => !i.donate);
  const list = (items: StaffOrderView['items']) =>
    items.length ? `<ul>${items.map((i) => `<li>${i.quantity} × ${esc(i.name)}</li>`).join('')}</ul>` : '<p><small>Aucun article.</small></p>';
  return layout(
    `Preuve ${order.number}`,
    `<p class="ok badge">✓ Preuve authentique</p>
<h1>Commande ${esc(order.number)}</h1>
<p>Ce document a bien été émis par Panier Solidaire pour la commande suivante.</p>
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
<h2>Offert au centre</h2>${list(given)}`,
  );
}

export function invalidProofPage(): string {
  return layout(
    'Preuve invalide',
    `<p class="ko badge">✗ Preuve non reconnue</p><h1>Ce lien ne correspond à aucune preuve émise par Panier Solidaire.</h1>
<p>Il a pu être mal recopié ou modifié. Demandez au centre ou à l’équipe de vous transmettre le document d’origine.</p>`,
  );
}
