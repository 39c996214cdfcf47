/**
 * The checkout's choices (centre, "tout offrir", where distances start): they survive a reload
 * of the tab. A need's « J'offre » proposes its centre here before the checkout opens.
 */
import type { Origin } from './centre-picker.ts';

const CHOICE_KEY = 'panier-solidaire.checkout';

export interface Choice {
  centreId?: string;
  donationOnly?: boolean;
  origin?: Origin;
}

export function readChoice(): Choice {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(CHOICE_KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Choice) : {};
  } catch {
    return {};
  }
}

export function saveChoice(choice: Choice): void {
  try {
    sessionStorage.setItem(CHOICE_KEY, JSON.stringify(choice));
  } catch {
    // Storage refused: the choice lasts for this page only.
  }
}

export function forgetChoice(): void {
  try {
    sessionStorage.removeItem(CHOICE_KEY);
  } catch {
    // Nothing kept, nothing to forget.
  }
}
