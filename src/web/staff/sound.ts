/**
 * The console's sounds, made with the Web Audio API (no audio file): a two-note chime
 * for a new order, a single soft note for a payment. Browsers only let a page play
 * sound after a gesture, so the audio context is created (or resumed) on the first
 * click or key press; before that a chime is silently skipped.
 */

let context: AudioContext | undefined;
let unlocked = false;

function audio(): AudioContext | undefined {
  if (context) return context;
  const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return undefined;
  try {
    context = new Ctor();
  } catch {
    return undefined;
  }
  return context;
}

/** Called on the first gestures of the page: from then on chimes can play. */
export function unlockAudio(): void {
  const c = audio();
  if (!c) return;
  unlocked = true;
  if (c.state === 'suspended') void c.resume().catch(() => undefined);
}

export function installAudioUnlock(): void {
  const once = () => {
    unlockAudio();
    document.removeEventListener('pointerdown', once, true);
    document.removeEventListener('keydown', once, true);
  };
  document.addEventListener('pointerdown', once, true);
  document.addEventListener('keydown', once, true);
}

export function chime(kind: 'order' | 'payment'): void {
  if (!unlocked) return;
  const c = audio();
  if (!c) return;
  try {
    if (c.state === 'suspended') void c.resume().catch(() => undefined);
    const start = c.currentTime + 0.02;
    const notes: Array<[number, number]> =
      kind === 'order'
        ? [
            [880, 0],
            [1318.5, 0.17],
          ]
        : [[659.25, 0]];
    for (const [frequency, offset] of notes) {
      const osc = c.createOscillator();
      const gain = c.createGain();
      osc.type = 'sine';
      osc.frequency.value = frequency;
      const t0 = start + offset;
      gain.gain.setValueAtTime(0.0001, t0);
      gain.gain.exponentialRampToValueAtTime(kind === 'order' ? 0.3 : 0.18, t0 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.5);
      osc.connect(gain);
      gain.connect(c.destination);
      osc.start(t0);
      osc.stop(t0 + 0.55);
    }
  } catch {
    // No audio device: the toast and the notification panel still tell.
  }
}
