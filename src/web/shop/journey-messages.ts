/** The words of the footer's pages, the account's sessions and "Prévenez-moi" (French first). */

import { createMessages } from '../shared/i18n.ts';

const fr = {
  'footer.pages': 'Informations',
  'page.error': 'Impossible de charger cette page.',
  'page.notFound': 'Cette page n’existe pas.',

  'sessions.title': 'Mes sessions ouvertes',
  'sessions.intro': 'Les appareils connectés à votre compte. Fermez ceux que vous ne reconnaissez pas.',
  'sessions.current': 'Cet appareil',
  'sessions.opened': 'Connecté le {date}',
  'sessions.lastSeen': 'Dernière activité : {date}',
  'sessions.end': 'Fermer',
  'sessions.endLabel': 'Fermer la session {device}',
  'sessions.ending': 'Fermeture…',
  'sessions.ended': 'La session {device} est fermée.',
  'sessions.endOthers': 'Fermer toutes les autres sessions',
  'sessions.othersEnded': 'Toutes vos autres sessions sont fermées.',
  'sessions.none': 'Aucune autre session n’est ouverte.',
  'sessions.error': 'Impossible de charger vos sessions.',
  'sessions.unknownDevice': 'Appareil inconnu',
  'sessions.on': '{browser} sur {os}',

  'alert.ask': 'Prévenez-moi',
  'alert.askHint': 'Recevez un e-mail, une seule fois, dès que ce produit est de nouveau disponible.',
  'alert.asking': 'Enregistrement…',
  'alert.saved': 'C’est noté : nous vous écrirons dès qu’il sera de nouveau disponible.',
  'alert.cancel': 'Ne plus me prévenir',
  'alert.canceled': 'Vous ne serez pas prévenu pour ce produit.',
  'alert.loginFirst': 'Connectez-vous pour être prévenu',
  'alert.inStock': 'Il est de nouveau disponible : vous pouvez le commander.',

  'stop.title': 'Alertes « Prévenez-moi »',
  'stop.working': 'Arrêt de vos alertes…',
  'stop.done': 'C’est fait : vous ne recevrez plus d’alerte « Prévenez-moi ».',
  'stop.doneCount': 'C’est fait : {n} alerte(s) en attente supprimée(s). Vous ne recevrez plus d’alerte « Prévenez-moi ».',
  'stop.invalid': 'Ce lien n’est pas valide. Ouvrez le lien reçu par e-mail en entier.',
  'stop.continue': 'Continuer mes achats',
} as const;

const en: Record<keyof typeof fr, string> = {
  'footer.pages': 'Information',
  'page.error': 'This page could not be loaded.',
  'page.notFound': 'This page does not exist.',

  'sessions.title': 'My open sessions',
  'sessions.intro': 'The devices signed in to your account. End any you do not recognise.',
  'sessions.current': 'This device',
  'sessions.opened': 'Signed in on {date}',
  'sessions.lastSeen': 'Last active: {date}',
  'sessions.end': 'End',
  'sessions.endLabel': 'End the session {device}',
  'sessions.ending': 'Ending…',
  'sessions.ended': 'The session {device} has ended.',
  'sessions.endOthers': 'End every other session',
  'sessions.othersEnded': 'All your other sessions have ended.',
  'sessions.none': 'No other session is open.',
  'sessions.error': 'Your sessions could not be loaded.',
  'sessions.unknownDevice': 'Unknown device',
  'sessions.on': '{browser} on {os}',

  'alert.ask': 'Notify me',
  'alert.askHint': 'Get one email as soon as this product is available again.',
  'alert.asking': 'Saving…',
  'alert.saved': 'Noted: we will write as soon as it is available again.',
  'alert.cancel': 'Stop notifying me',
  'alert.canceled': 'You will not be notified for this product.',
  'alert.loginFirst': 'Sign in to be notified',
  'alert.inStock': 'It is available again: you can order it.',

  'stop.title': '“Notify me” alerts',
  'stop.working': 'Stopping your alerts…',
  'stop.done': 'Done: you will get no more “Notify me” alerts.',
  'stop.doneCount': 'Done: {n} pending alert(s) removed. You will get no more “Notify me” alerts.',
  'stop.invalid': 'This link is not valid. Open the whole link from the email.',
  'stop.continue': 'Continue shopping',
};

export const jm = createMessages(fr, en);
