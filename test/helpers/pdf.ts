import jsQRModule from 'jsqr';

// jsqr is CommonJS with a `default` export: depending on the loader it arrives wrapped or not.
type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsQRModule as unknown as { default?: Decode }).default ?? jsQRModule) as unknown as Decode;
import { PDFParse } from 'pdf-parse';
import { PNG } from 'pngjs';

/** Parses a real PDF back: its text, and the links of the QR codes among its images. */
export async function readPdf(data: Buffer): Promise<{ text: string; qrLinks: string[] }> {
  const parser = new PDFParse({ data });
  try {
    const { text } = await parser.getText();
    const images = await parser.getImage();
    const qrLinks: string[] = [];
    for (const page of images.pages) {
      for (const img of page.images) {
        const png = PNG.sync.read(Buffer.from(img.data));
        const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
        if (code) qrLinks.push(code.data);
      }
    }
    return { text, qrLinks };
  } finally {
    await parser.destroy();
  }
}
