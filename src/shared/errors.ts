/**
 * Every error the API can answer with, in one catalogue: a stable code, its HTTP
 * status and a default French message. Routes and services throw AppError with one
 * of these codes; the one error handler renders the contract's JSON shape.
 */
export const ERRORS = {
  validation_failed: { status: 400, message: 'Certaines données sont invalides.' },
  invalid_json: { status: 400, message: 'Le corps de la requête n’est pas un JSON valide.' },
  invalid_token: { status: 400, message: 'Ce lien n’est pas valide ou a expiré.' },
  invalid_signature: { status: 400, message: 'La signature de cette notification ne peut pas être vérifiée.' },
  wrong_password: { status: 400, message: 'Le mot de passe actuel est incorrect.' },
  confirmation_required: { status: 400, message: 'Confirmez la suppression en saisissant l’adresse e-mail du compte.' },
  unauthenticated: { status: 401, message: 'Veuillez vous connecter.' },
  invalid_credentials: { status: 401, message: 'Adresse e-mail ou mot de passe incorrect.' },
  forbidden: { status: 403, message: 'Vous n’avez pas accès à cette ressource.' },
  forbidden_origin: { status: 403, message: 'Requête refusée : origine non autorisée.' },
  account_disabled: { status: 403, message: 'Ce compte est désactivé.' },
  not_found: { status: 404, message: 'Ressource introuvable.' },
  email_taken: { status: 409, message: 'Un compte existe déjà avec cette adresse e-mail.' },
  insufficient_stock: { status: 409, message: 'Stock insuffisant pour certains articles.' },
  limit_reached: { status: 409, message: 'Une limite de commande est atteinte.' },
  product_off_sale: { status: 409, message: 'Un article n’est plus en vente : retirez-le de votre panier pour commander.' },
  invalid_transition: { status: 409, message: 'Ce changement de statut n’est pas possible.' },
  slot_full: { status: 409, message: 'Ce créneau de retrait est complet : choisissez-en un autre.' },
  idempotency_conflict: { status: 409, message: 'Cette clé d’idempotence a déjà servi pour une autre requête.' },
  conflict: { status: 409, message: 'La ressource a été modifiée entre-temps.' },
  category_exists: { status: 409, message: 'Une catégorie porte déjà cet identifiant.' },
  category_in_use: { status: 409, message: 'Cette catégorie contient encore des produits : classez-les ailleurs avant de la supprimer.' },
  last_admin: { status: 409, message: 'Il doit toujours rester au moins un administrateur actif.' },
  self_demotion: { status: 409, message: 'Vous ne pouvez pas retirer vos propres droits d’administrateur ni désactiver votre compte.' },
  payload_too_large: { status: 413, message: 'La requête est trop volumineuse.' },
  unsupported_media_type: { status: 415, message: 'Type de contenu non pris en charge.' },
  rate_limited: { status: 429, message: 'Trop de tentatives. Réessayez plus tard.' },
  internal_error: { status: 500, message: 'Une erreur interne est survenue.' },
  payment_provider_error: { status: 502, message: 'Le prestataire de paiement n’a pas répondu correctement.' },
  unavailable: { status: 503, message: 'Service momentanément indisponible.' },
  database_unavailable: { status: 503, message: 'La base de données est momentanément injoignable. Réessayez dans quelques instants.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, opts: { message?: string; details?: unknown; headers?: Record<string, string> } = {}) {
    super(opts.message ?? ERRORS[code].message);
    this.name = 'AppError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = opts.details;
    this.headers = opts.headers ?? {};
  }
}

export const notFound = (): AppError => new AppError('not_found');

/** PostgreSQL SQLSTATE of an error thrown by either driver, if any. */
export function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
