import {
  concatTransformationMatrix,
  drawObject,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
} from 'pdf-lib';
import type { EncodedPage } from './page-encoder';

const POINTS_PER_INCH = 72;

/** The page size in PDF points that the scan covered: pixels at the scan's dpi (A4 at 200 dpi → 595 × 842). */
export function pageSizePoints(page: Pick<EncodedPage, 'width' | 'height' | 'dpi'>): [number, number] {
  return [(page.width / page.dpi) * POINTS_PER_INCH, (page.height / page.dpi) * POINTS_PER_INCH];
}

/**
 * One PDF for one required document, a page per scanned page. Images go in as they were
 * compressed (no re-encoding): pdf-lib's own PNG path decodes and re-deflates in JavaScript,
 * which alone takes half a second for an A4 page.
 */
export async function assemblePdf(pages: readonly EncodedPage[], title: string, createdAt: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setCreator('motcua-kiosk');
  doc.setProducer('motcua-kiosk');
  doc.setCreationDate(createdAt);
  doc.setModificationDate(createdAt);
  for (const encoded of pages) {
    const [w, h] = pageSizePoints(encoded);
    const page = doc.addPage([w, h]);
    if (encoded.format === 'jpeg') {
      page.drawImage(await doc.embedJpg(encoded.bytes), { x: 0, y: 0, width: w, height: h });
      continue;
    }
    const image = doc.context.stream(encoded.bytes, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: encoded.width,
      Height: encoded.height,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 8,
      Filter: 'FlateDecode',
    });
    const name = page.node.newXObject('Scan', doc.context.register(image));
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(w, 0, 0, h, 0, 0), drawObject(name), popGraphicsState());
  }
  return doc.save({ useObjectStreams: true });
}
