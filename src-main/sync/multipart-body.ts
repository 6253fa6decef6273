import { randomUUID } from 'node:crypto';
import type { BodyBuffers } from './body-buffers';
import type { BundleFileSource } from './portal-client';
import type { DossierBundleManifest } from './portal-schemas';

/** One dossier of a multipart body: its JSON field `dossier`, and the bytes of its distinct files. */
export interface MultipartEntry {
  field: { files: DossierBundleManifest['files'] };
  files: readonly BundleFileSource[];
}

/**
 * A bundle's file could not be read into the body (e.g. it changed size on disk): nothing was sent.
 * `entry` says which dossier of the request; `cause` is what its source threw.
 */
export class BundleSourceFailed extends Error {
  constructor(
    readonly entry: number,
    override readonly cause: unknown,
  ) {
    super(`the files of dossier ${entry + 1} of the request could not be read: ${String(cause)}`);
  }
}

/**
 * The multipart/form-data body of a bundle or a batch: per entry the field `dossier`, then one file
 * part per distinct file in order of first appearance. Built in one buffer from `buffers` with
 * each file read straight into its place: a dossier's bytes are copied once before the HTTP
 * client takes them (copies were the drain's largest garbage, decision 0018). `whole` is the
 * buffer to give back once the portal has read the body.
 */
export function multipartBody(buffers: BodyBuffers, entries: readonly MultipartEntry[]): { body: Buffer; whole: Buffer; contentType: string } {
  const boundary = `kiosk-bundle-${randomUUID()}`;
  const pieces: (Buffer | { source: BundleFileSource; entry: number })[] = [];
  entries.forEach((entry, e) => {
    pieces.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="dossier"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(entry.field)}\r\n`));
    const listed = entry.field.files;
    const distinct = listed.filter((f, i) => listed.findIndex((g) => g.sha256 === f.sha256) === i);
    distinct.forEach((f, i) => {
      // File names are the kiosk's own ([A-Za-z0-9._-]); quotes are escaped all the same.
      pieces.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.fileName.replace(/["\\\r\n]/g, '_')}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
      const source = entry.files[i];
      if (source) pieces.push({ source, entry: e });
      pieces.push(CRLF);
    });
  });
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  const size = pieces.reduce((n, p) => n + (Buffer.isBuffer(p) ? p.byteLength : p.source.byteLength), 0);
  const whole = buffers.take(size);
  const body = whole.subarray(0, size);
  let at = 0;
  for (const piece of pieces) {
    if (Buffer.isBuffer(piece)) {
      at += piece.copy(body, at);
      continue;
    }
    try {
      piece.source.fill(body.subarray(at, at + piece.source.byteLength));
    } catch (error) {
      // Nothing was sent: the buffer can serve the next body.
      buffers.give(whole);
      throw new BundleSourceFailed(piece.entry, error);
    }
    at += piece.source.byteLength;
  }
  return { body, whole, contentType: `multipart/form-data; boundary=${boundary}` };
}

const CRLF = Buffer.from('\r\n');
