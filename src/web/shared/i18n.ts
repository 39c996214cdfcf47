/**
 * Every visible string of the front ends, in French (the default) and English.
 * t('key', {name: 'Camille'}) fills {name}; tn('key', n) picks the plural form
 * (keys ending in `.one` / `.other`). The English table must have every French key:
 * the type checker enforces it.
 */

const fr = {
  'app.name': 'Panier Solidaire',
  'app.tagline': 'L’épicerie à prix coûtant',
  'title.suffix': 'Panier Solidaire',

  'nav.skip': 'Aller au contenu',
  'nav.main': 'Navigation principale',
  'nav.catalogue': 'Catalogue',
  'nav.login': 'Se connecter',
  'nav.register': 'Créer un compte',
  'nav.account': 'Mon compte',
  'nav.logout': 'Se déconnecter',

  'lang.switch': 'English',
  'lang.switchCode': 'en',

  'footer.about':
    'Panier Solidaire est une épicerie en ligne à prix coûtant : vous payez ce que nous payons, sans aucune marge. Chaque article peut être offert aux Restos du Cœur, qui le distribuent dans leurs centres.',
  'footer.rights': '© {year} Panier Solidaire — prix coûtant, zéro marge',

  'common.loading': 'Chargement…',
  'common.retry': 'Réessayer',
  'common.error': 'Une erreur est survenue.',
  'common.networkError': 'Impossible de joindre le serveur. Vérifiez votre connexion.',
  'common.close': 'Fermer',
  'common.backToCatalogue': 'Retour au catalogue',
  'common.notifications': 'Notifications',

  'money.costPrice': 'Prix coûtant',

  'stock.in': 'En stock : {n}',
  'stock.low': 'Plus que {n} !',
  'stock.out': 'Rupture de stock',

  'catalogue.title': 'Catalogue',
  'catalogue.heroTitle': 'Vos courses au prix coûtant',
  'catalogue.heroText':
    'Aucune marge : vous payez exactement ce que nous payons. Et ce que vous achetez, vous pouvez l’offrir aux Restos du Cœur.',
  'catalogue.searchLabel': 'Rechercher un produit',
  'catalogue.searchPlaceholder': 'Pâtes, lait, savon…',
  'catalogue.searchButton': 'Rechercher',
  'catalogue.categories': 'Catégories',
  'catalogue.allCategories': 'Tout',
  'catalogue.allProducts': 'Tous les produits',
  'catalogue.count.one': '{n} produit',
  'catalogue.count.other': '{n} produits',
  'catalogue.countQuery.one': '{n} produit pour « {q} »',
  'catalogue.countQuery.other': '{n} produits pour « {q} »',
  'catalogue.loading': 'Chargement des produits…',
  'catalogue.emptyQuery': 'Aucun produit ne correspond à « {q} ».',
  'catalogue.emptyCategory': 'Aucun produit dans cette catégorie pour le moment.',
  'catalogue.emptyHint': 'Essayez un autre mot, ou parcourez toutes les catégories.',
  'catalogue.showAll': 'Voir tous les produits',
  'catalogue.error': 'Impossible de charger les produits.',
  'catalogue.pagination': 'Pagination',
  'catalogue.previous': 'Précédent',
  'catalogue.next': 'Suivant',
  'catalogue.pageOf': 'Page {page} sur {pages}',
  'catalogue.pageN': 'Page {page}',
  'catalogue.titleQuery': '« {q} » — Catalogue',

  'product.breadcrumb': 'Fil d’Ariane',
  'product.unit': 'Conditionnement : {unit}',
  'product.costPriceNote': 'Prix coûtant : c’est ce que nous payons, sans marge.',
  'product.description': 'Description',
  'product.giftNote': 'Vous pourrez l’offrir aux Restos du Cœur au moment de la commande.',
  'product.notFoundTitle': 'Produit introuvable',
  'product.notFoundText': 'Ce produit n’existe pas ou n’est plus en vente.',
  'product.error': 'Impossible de charger ce produit.',
  'product.loading': 'Chargement du produit…',

  'form.errorsTitle.one': 'Le formulaire contient une erreur :',
  'form.errorsTitle.other': 'Le formulaire contient {n} erreurs :',
  'form.show': 'Afficher',
  'form.hide': 'Masquer',
  'form.thePassword': 'le mot de passe',
  'form.sending': 'Envoi en cours…',

  'field.name': 'Nom',
  'field.email': 'Adresse e-mail',
  'field.password': 'Mot de passe',
  'field.passwordHint': '8 caractères au minimum.',
  'field.emailHint': 'Par exemple : prenom.nom@exemple.fr',

  'error.nameRequired': 'Indiquez votre nom.',
  'error.emailRequired': 'Indiquez votre adresse e-mail.',
  'error.emailInvalid': 'Cette adresse e-mail n’est pas valide.',
  'error.passwordRequired': 'Indiquez votre mot de passe.',
  'error.passwordShort': 'Le mot de passe doit contenir au moins 8 caractères.',
  'error.emailTaken': 'Un compte existe déjà avec cette adresse e-mail. Connectez-vous, ou utilisez une autre adresse.',
  'error.invalidCredentials': 'Adresse e-mail ou mot de passe incorrect.',
  'error.rateLimited.one': 'Trop de tentatives, réessayez dans {n} minute.',
  'error.rateLimited.other': 'Trop de tentatives, réessayez dans {n} minutes.',
  'error.accountDisabled': 'Ce compte est désactivé.',

  'login.title': 'Se connecter',
  'login.intro': 'Connectez-vous pour commander et suivre vos commandes.',
  'login.submit': 'Se connecter',
  'login.noAccount': 'Pas encore de compte ?',
  'login.registerLink': 'Créer un compte',
  'login.welcome': 'Bonjour, {name} !',
  'login.already': 'Vous êtes déjà connecté·e en tant que {name}.',
  'login.continue': 'Continuer',
  'login.or': 'ou',
  'login.withProvider': 'Se connecter avec {label}',

  'register.title': 'Créer un compte',
  'register.intro': 'Un compte gratuit pour faire vos courses à prix coûtant et offrir aux Restos du Cœur.',
  'register.submit': 'Créer mon compte',
  'register.haveAccount': 'Déjà un compte ?',
  'register.loginLink': 'Se connecter',
  'register.welcome': 'Bienvenue, {name} ! Votre compte est créé.',

  'account.title': 'Mon compte',
  'account.name': 'Nom',
  'account.email': 'Adresse e-mail',
  'account.role': 'Profil',
  'account.logout': 'Se déconnecter',
  'account.error': 'Impossible de charger votre compte.',
  'account.staffConsole': 'Ouvrir la console de l’équipe',
  'account.adminConsole': 'Ouvrir l’administration',
  'account.ordersSoon': 'Vos commandes apparaîtront bientôt ici.',

  'role.customer': 'Client',
  'role.staff': 'Équipe',
  'role.admin': 'Administration',

  'logout.done': 'Vous êtes déconnecté·e.',
  'logout.failed': 'La déconnexion a échoué. Réessayez.',

  'notFound.title': 'Page introuvable',
  'notFound.text': 'La page demandée n’existe pas ou a été déplacée.',

  'console.staffTitle': 'Console de l’équipe — bientôt',
  'console.adminTitle': 'Administration — bientôt',
  'console.staffDoc': 'Console de l’équipe',
  'console.adminDoc': 'Administration',
  'console.hello': 'Bonjour, {name}.',
  'console.soonText': 'Cet espace est en préparation. Vous y suivrez bientôt les commandes en direct.',
  'console.adminSoonText': 'Cet espace est en préparation. Vous y gérerez bientôt les produits, les centres et les comptes.',
  'console.signInTitle': 'Connexion requise',
  'console.signInText': 'Cet espace est réservé à l’équipe de Panier Solidaire. Connectez-vous avec un compte de l’équipe.',
  'console.signInLink': 'Se connecter',
  'console.forbiddenTitle': 'Espace réservé à l’équipe',
  'console.forbiddenAdminTitle': 'Espace réservé aux administrateurs',
  'console.forbiddenStaff': 'Cet espace est réservé à l’équipe. Votre compte ({name}) n’y a pas accès.',
  'console.forbiddenAdmin': 'Cet espace est réservé aux administrateurs. Votre compte ({name}) n’y a pas accès.',
  'console.toShop': 'Aller à la boutique',
  'console.toStaff': 'Console de l’équipe',
} as const;

export type MessageKey = keyof typeof fr;

const en: Record<MessageKey, string> = {
  'app.name': 'Panier Solidaire',
  'app.tagline': 'The grocery at cost price',
  'title.suffix': 'Panier Solidaire',

  'nav.skip': 'Skip to content',
  'nav.main': 'Main navigation',
  'nav.catalogue': 'Catalogue',
  'nav.login': 'Sign in',
  'nav.register': 'Create an account',
  'nav.account': 'My account',
  'nav.logout': 'Sign out',

  'lang.switch': 'Français',
  'lang.switchCode': 'fr',

  'footer.about':
    'Panier Solidaire is an online grocery at cost price: you pay what we pay, with no margin at all. Any item can be offered to the Restos du Cœur, who hand it out in their centres.',
  'footer.rights': '© {year} Panier Solidaire — cost price, zero margin',

  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.error': 'Something went wrong.',
  'common.networkError': 'Cannot reach the server. Check your connection.',
  'common.close': 'Close',
  'common.backToCatalogue': 'Back to the catalogue',
  'common.notifications': 'Notifications',

  'money.costPrice': 'Cost price',

  'stock.in': 'In stock: {n}',
  'stock.low': 'Only {n} left!',
  'stock.out': 'Out of stock',

  'catalogue.title': 'Catalogue',
  'catalogue.heroTitle': 'Your groceries at cost price',
  'catalogue.heroText':
    'No margin: you pay exactly what we pay. And whatever you buy, you can offer to the Restos du Cœur.',
  'catalogue.searchLabel': 'Search for a product',
  'catalogue.searchPlaceholder': 'Pasta, milk, soap…',
  'catalogue.searchButton': 'Search',
  'catalogue.categories': 'Categories',
  'catalogue.allCategories': 'All',
  'catalogue.allProducts': 'All products',
  'catalogue.count.one': '{n} product',
  'catalogue.count.other': '{n} products',
  'catalogue.countQuery.one': '{n} product for “{q}”',
  'catalogue.countQuery.other': '{n} products for “{q}”',
  'catalogue.loading': 'Loading products…',
  'catalogue.emptyQuery': 'No product matches “{q}”.',
  'catalogue.emptyCategory': 'No product in this category yet.',
  'catalogue.emptyHint': 'Try another word, or browse every category.',
  'catalogue.showAll': 'See every product',
  'catalogue.error': 'Could not load the products.',
  'catalogue.pagination': 'Pagination',
  'catalogue.previous': 'Previous',
  'catalogue.next': 'Next',
  'catalogue.pageOf': 'Page {page} of {pages}',
  'catalogue.pageN': 'Page {page}',
  'catalogue.titleQuery': '“{q}” — Catalogue',

  'product.breadcrumb': 'Breadcrumb',
  'product.unit': 'Pack: {unit}',
  'product.costPriceNote': 'Cost price: what we pay, with no margin.',
  'product.description': 'Description',
  'product.giftNote': 'You can offer it to the Restos du Cœur when you order.',
  'product.notFoundTitle': 'Product not found',
  'product.notFoundText': 'This product does not exist or is no longer on sale.',
  'product.error': 'Could not load this product.',
  'product.loading': 'Loading the product…',

  'form.errorsTitle.one': 'The form has an error:',
  'form.errorsTitle.other': 'The form has {n} errors:',
  'form.show': 'Show',
  'form.hide': 'Hide',
  'form.thePassword': 'password',
  'form.sending': 'Sending…',

  'field.name': 'Name',
  'field.email': 'Email address',
  'field.password': 'Password',
  'field.passwordHint': 'At least 8 characters.',
  'field.emailHint': 'For example: first.last@example.com',

  'error.nameRequired': 'Enter your name.',
  'error.emailRequired': 'Enter your email address.',
  'error.emailInvalid': 'This email address is not valid.',
  'error.passwordRequired': 'Enter your password.',
  'error.passwordShort': 'The password must be at least 8 characters long.',
  'error.emailTaken': 'An account already exists with this email address. Sign in, or use another address.',
  'error.invalidCredentials': 'Incorrect email address or password.',
  'error.rateLimited.one': 'Too many attempts, try again in {n} minute.',
  'error.rateLimited.other': 'Too many attempts, try again in {n} minutes.',
  'error.accountDisabled': 'This account is disabled.',

  'login.title': 'Sign in',
  'login.intro': 'Sign in to order and follow your orders.',
  'login.submit': 'Sign in',
  'login.noAccount': 'No account yet?',
  'login.registerLink': 'Create an account',
  'login.welcome': 'Hello, {name}!',
  'login.already': 'You are already signed in as {name}.',
  'login.continue': 'Continue',
  'login.or': 'or',
  'login.withProvider': 'Sign in with {label}',

  'register.title': 'Create an account',
  'register.intro': 'A free account to shop at cost price and give to the Restos du Cœur.',
  'register.submit': 'Create my account',
  'register.haveAccount': 'Already have an account?',
  'register.loginLink': 'Sign in',
  'register.welcome': 'Welcome, {name}! Your account is ready.',

  'account.title': 'My account',
  'account.name': 'Name',
  'account.email': 'Email address',
  'account.role': 'Profile',
  'account.logout': 'Sign out',
  'account.error': 'Could not load your account.',
  'account.staffConsole': 'Open the team console',
  'account.adminConsole': 'Open the administration',
  'account.ordersSoon': 'Your orders will soon appear here.',

  'role.customer': 'Customer',
  'role.staff': 'Team',
  'role.admin': 'Administration',

  'logout.done': 'You are signed out.',
  'logout.failed': 'Signing out failed. Try again.',

  'notFound.title': 'Page not found',
  'notFound.text': 'The page you asked for does not exist or has moved.',

  'console.staffTitle': 'Team console — coming soon',
  'console.adminTitle': 'Administration — coming soon',
  'console.staffDoc': 'Team console',
  'console.adminDoc': 'Administration',
  'console.hello': 'Hello, {name}.',
  'console.soonText': 'This space is being prepared. You will soon follow orders live here.',
  'console.adminSoonText': 'This space is being prepared. You will soon manage products, centres and accounts here.',
  'console.signInTitle': 'Sign-in required',
  'console.signInText': 'This space is for the Panier Solidaire team. Sign in with a team account.',
  'console.signInLink': 'Sign in',
  'console.forbiddenTitle': 'For the team only',
  'console.forbiddenAdminTitle': 'For administrators only',
  'console.forbiddenStaff': 'This space is for the team only. Your account ({name}) has no access to it.',
  'console.forbiddenAdmin': 'This space is for administrators only. Your account ({name}) has no access to it.',
  'console.toShop': 'Go to the shop',
  'console.toStaff': 'Team console',
};

export type Lang = 'fr' | 'en';
const tables: Record<Lang, Record<MessageKey, string>> = { fr, en };
const STORAGE_KEY = 'panier-solidaire.lang';

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

let current: Lang = readStoredLang();
const listeners = new Set<(lang: Lang) => void>();

export function getLang(): Lang {
  return current;
}

/** The BCP 47 locale used for numbers and dates. */
export function getLocale(): string {
  return current === 'en' ? 'en-GB' : 'fr-FR';
}

/** Sets <html lang> to the current language (call once at start). */
export function applyLang(): void {
  document.documentElement.lang = current;
}

export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  applyLang();
  for (const fn of listeners) fn(lang);
}

export function onLangChange(fn: (lang: Lang) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export type Params = Record<string, string | number>;

function fill(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = params[name];
    if (v === undefined) return m;
    return typeof v === 'number' ? v.toLocaleString(getLocale()) : v;
  });
}

export function t(key: MessageKey, params?: Params): string {
  return fill(tables[current][key] ?? fr[key], params);
}

type PluralBase<K> = K extends `${infer B}.one` ? B : never;
export type PluralKey = PluralBase<MessageKey>;

/** Plural-aware message: tn('catalogue.count', 3) → "3 produits". */
export function tn(key: PluralKey, n: number, params?: Params): string {
  const form = new Intl.PluralRules(getLocale()).select(n) === 'one' ? 'one' : 'other';
  return t(`${key}.${form}` as MessageKey, { n, ...params });
}

/**
 * A dictionary of its own for one application (staff console, admin panel), in the same
 * current language: each app keeps its strings next to its code. The English table must
 * have every French key (the type checker enforces it).
 */
export function createMessages<const F extends Record<string, string>>(frTable: F, enTable: Record<keyof F, string>) {
  return {
    t(key: keyof F & string, params?: Params): string {
      const table: Record<string, string> = current === 'en' ? enTable : frTable;
      return fill(table[key] ?? frTable[key] ?? key, params);
    },
  };
}
