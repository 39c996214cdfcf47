/**
 * The console's sounds, made with the Web Audio API (no audio file): a two-note chime
 * for a new order, a single soft note for a payment. Browsers only let a page play
 * sound after a gesture (autoplay policy): the audio context is created at once, its
 * state tells the page honestly whether sound can play (the console shows « cliquez pour
 * activer le son » while it cannot), and any click or key press resumes it.
 */

let context: AudioContext | undefined;
/** The last click or key press found the sound blocked (it is the gesture that unlocks it). */
let gestureWasBlocked = false;
const stateListeners = new Set<() => void>();

function audio(): AudioContext | undefined {
  if (context) return context;
  const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return undefined;
  try {
    context = new Ctor();
  } catch {
    return undefined;
  }
  context.addEventListener('statechange', () => {
    for (const fn of [...stateListeners]) fn();
  });
  return context;
}

/**
 * What the browser lets the page do now: `running` plays, `blocked` is the autoplay policy
 * (no click or key press on this page yet), `unsupported` has no Web Audio at all.
 */
export type AudioState = 'running' | 'blocked' | 'unsupported';

export function audioState(): AudioState {
  const c = audio();
  if (!c) return 'unsupported';
  return c.state === 'running' ? 'running' : 'blocked';
}

/** Called when the audio state changes (the first gesture unlocks it). */
export function onAudioState(fn: () => void): () => void {
  stateListeners.add(fn);
  return () => stateListeners.delete(fn);
}

/** Tries to start the sound (a gesture is under way, or the browser allows it anyway). */
export function unlockAudio(): void {
  const c = audio();
  if (c && c.state === 'suspended') void c.resume().catch(() => undefined);
}

/**
 * Every click or key press tries to unlock the sound. The page learns whether that
 * gesture found it blocked (takeUnlockingGesture), so the sound button's click that
 * unlocks the sound does not also switch it off.
 */
export function installAudioUnlock(): () => void {
  // The context is created now: its state says at once whether the browser blocks sound.
  audio();
  const onGesture = () => {
    gestureWasBlocked = audioState() === 'blocked';
    unlockAudio();
  };
  document.addEventListener('pointerdown', onGesture, true);
  document.addEventListener('keydown', onGesture, true);
  return () => {
    document.removeEventListener('pointerdown', onGesture, true);
    document.removeEventListener('keydown', onGesture, true);
  };
}

/** True once if the gesture under way is the one that unlocked the sound. */
export function takeUnlockingGesture(): boolean {
  const was = gestureWasBlocked;
  gestureWasBlocked = false;
  return was;
}

/** Plays a chime if the browser lets the page; returns whether it played. */
export function chime(kind: 'order' | 'payment'): boolean {
  const c = audio();
  if (c?.state !== 'running') return false;
  try {
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
    return true;
  } catch {
    // No audio device: the toast and the notification panel still tell.
    return false;
  }
}
