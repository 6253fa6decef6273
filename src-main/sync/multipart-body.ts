import { randomUUID } from 'node:crypto';
import type { DossierBundleManifest } from './portal-schemas';

/**
 * The multipart/form-data body of a bundle: the field `dossier` (the manifest), then one file part
 * per distinct file in order of first appearance in `manifest.files`.
 */
export function multipartBody(manifest: DossierBundleManifest, files: readonly Uint8Array[]): { body: Buffer; contentType: string } {
  const boundary = `kiosk-bundle-${randomUUID()}`;
  const pieces: Uint8Array[] = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="dossier"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(manifest)}\r\n`),
  ];
  const listed = manifest.files;
  const distinct = listed.filter((f, i) => listed.findIndex((g) => g.sha256 === f.sha256) === i);
  distinct.forEach((f, i) => {
    // File names are the kiosk's own ([A-Za-z0-9._-]); quotes are escaped all the same.
    pieces.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.fileName.replace(/["\\\r\n]/g, '_')}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    const bytes = files[i];
    if (bytes) pieces.push(bytes);
    pieces.push(CRLF);
  });
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(pieces), contentType: `multipart/form-data; boundary=${boundary}` };
}

const CRLF = Buffer.from('\r\n');
