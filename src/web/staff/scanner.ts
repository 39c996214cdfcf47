/**
 * The camera scanner of the pickup mode: the browser's BarcodeDetector where it exists
 * (Android Chrome), otherwise jsQR on the camera's frames (loaded only when needed). Calls
 * `onCode` with each text read; `stop()` releases the camera.
 */

interface Detector {
  detect(source: CanvasImageSource): Promise<Array<{ rawValue: string }>>;
}
type DetectorClass = { new (opts: { formats: string[] }): Detector; getSupportedFormats?: () => Promise<string[]> };

async function nativeDetector(): Promise<Detector | null> {
  const Native = (globalThis as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (!Native) return null;
  try {
    const formats = (await Native.getSupportedFormats?.()) ?? ['qr_code'];
    return formats.includes('qr_code') ? new Native({ formats: ['qr_code'] }) : null;
  } catch {
    return null;
  }
}

type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

async function jsqrDetector(): Promise<Detector> {
  const mod = (await import('jsqr')) as unknown as { default: Decode | { default: Decode } };
  const decode = (typeof mod.default === 'function' ? mod.default : mod.default.default) as Decode;
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return {
    async detect(source) {
      const video = source as HTMLVideoElement;
      if (!context || !video.videoWidth) return [];
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0);
      const frame = context.getImageData(0, 0, canvas.width, canvas.height);
      const code = decode(frame.data, frame.width, frame.height);
      return code ? [{ rawValue: code.data }] : [];
    },
  };
}

export interface Scanner {
  stop(): void;
  /** 'native' or 'jsqr': which decoder reads the frames. */
  readonly engine: 'native' | 'jsqr';
}

export async function startScanner(video: HTMLVideoElement, onCode: (text: string) => void): Promise<Scanner> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  video.srcObject = stream;
  video.muted = true;
  video.setAttribute('playsinline', '');
  await video.play();
  const native = await nativeDetector();
  const detector = native ?? (await jsqrDetector());
  let running = true;
  let last = '';
  const tick = async () => {
    if (!running) return;
    try {
      const [code] = await detector.detect(video);
      if (code && code.rawValue !== last) {
        last = code.rawValue;
        onCode(code.rawValue);
      }
    } catch {
      // A frame that could not be read: try the next one.
    }
    if (running) setTimeout(() => void tick(), 150);
  };
  // The first frame is read once the caller holds the scanner (it may stop it from onCode).
  setTimeout(() => void tick(), 0);
  return {
    engine: native ? 'native' : 'jsqr',
    stop() {
      running = false;
      for (const track of stream.getTracks()) track.stop();
      video.srcObject = null;
    },
  };
}
