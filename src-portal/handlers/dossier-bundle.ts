import type { IncomingMessage } from 'node:http';
import { ApiError } from '../http/api-error';
import type { Reply } from '../http/http-io';
import { inProgress, keyReused } from '../http/idempotency';
import { multipartParts, type Part } from '../http/multipart-parts';
import { findAnswer } from '../repo/idempotency';
import type { HandlerContext } from './context';
import { commitUploads, CREATE_UPLOAD, receiveUpload, type PendingUpload, type UploadMeta } from './upload-create-with-body';

type BundleFile = UploadMeta & { documentId: string };
interface Manifest {
  dossier: Record<string, unknown>;
  files: BundleFile[];
}

export interface BundleDeps {
  /** Problems of the manifest against the spec (empty when it matches). */
  checkManifest: (value: unknown) => string[];
  /** POST /v1/dossiers under `key`, with its idempotency: a bundle's last step. */
  submit: (submission: unknown, key: string) => Reply;
  busyKeys: Set<string>;
  dropAfter: number | undefined;
}

/** The key a bundle's file is uploaded under: the spec defines the bundle as these single calls. */
export const bundleFileKey = (key: string, sha256: string): string => `${key}.${sha256}`;

/**
 * POST /v1/dossier-bundles: the manifest, then each distinct file as a creation with upload under
 * `<key>.<sha256>`, then the dossier submit under `<key>`. The files received are recorded
 * together (each fsync'd, then one transaction) even when the body breaks or a part is refused,
 * so the client finds them again by those keys and goes on with single calls.
 */
export async function submitDossierBundle(ctx: HandlerContext, req: IncomingMessage, key: string, deps: BundleDeps): Promise<Reply | 'dropped'> {
  const { db, config } = ctx.deps;
  const parts = multipartParts(req, { fieldBytes: config.maxJsonBytes, fields: 1, files: 100 });
  let current: Part | undefined;
  const next = async (): Promise<Part | undefined> => {
    // The parser gives the next part only once this one was read to its end.
    if (current?.kind === 'file') current.stream.resume();
    const n = await parts.next();
    current = n.done ? undefined : n.value;
    return current;
  };
  try {
    const manifest = readManifest(await next(), deps.checkManifest);
    // One part per distinct file (a page listed twice is one upload), facts of its first entry.
    const firstOf = new Map<string, BundleFile>();
    for (const f of manifest.files) if (!firstOf.has(f.sha256)) firstOf.set(f.sha256, f);
    const uploadIds = new Map<string, string>();
    if (findAnswer(db, ctx.terminal.id, 'submitDossier', key)) {
      // Received before: answer as the dossier submit does, without taking the bytes again.
      for (const f of firstOf.values()) {
        const stored = findAnswer(db, ctx.terminal.id, CREATE_UPLOAD, bundleFileKey(key, f.sha256));
        if (!stored) throw keyReused();
        uploadIds.set(f.sha256, (JSON.parse(stored.body) as { uploadId: string }).uploadId);
      }
      return deps.submit(submissionOf(manifest, uploadIds), key);
    }
    const busyKey = `${ctx.terminal.id}\n${key}`;
    if (deps.busyKeys.has(busyKey)) throw inProgress();
    deps.busyKeys.add(busyKey);
    const pending: PendingUpload[] = [];
    try {
      let fileBytes = 0;
      for (const [i, file] of [...firstOf.values()].entries()) {
        const part = await next();
        if (part?.kind !== 'file' || part.name !== 'file') throw bodyShape(`part ${i + 2} of the dossier must be the file ${file.fileName} (a file part named "file")`);
        const meta = { length: file.length, sha256: file.sha256, fileName: file.fileName, contentType: file.contentType };
        // A drop after N bytes counts the bundle's file bytes, not each part's.
        const dropAfter = deps.dropAfter === undefined ? undefined : Math.max(0, deps.dropAfter - fileBytes);
        const received = await receiveUpload(ctx, { req: part.stream, key: bundleFileKey(key, file.sha256), meta, busyKeys: deps.busyKeys, dropAfter });
        if (received.kind === 'replay') {
          uploadIds.set(file.sha256, received.uploadId);
          continue;
        }
        pending.push(received.upload);
        uploadIds.set(file.sha256, received.upload.id);
        fileBytes += received.upload.received;
        if (received.upload.dropped) return 'dropped';
      }
      const extra = await next();
      if (extra) throw bodyShape(`the body has more parts than the manifest's ${firstOf.size} distinct files`);
    } finally {
      // Whatever arrived is recorded, even when a part was refused or the body broke.
      await commitUploads(ctx, pending, deps.busyKeys);
      deps.busyKeys.delete(busyKey);
    }
    // A file begun by an earlier try and not complete: the submit answers 409 upload_incomplete.
    return deps.submit(submissionOf(manifest, uploadIds), key);
  } finally {
    await parts.return(undefined);
  }
}

/** The `dossier` field part's JSON, checked against its schema. */
function readManifest(part: Part | undefined, check: (value: unknown) => string[]): Manifest {
  if (part?.kind !== 'field' || part.name !== 'dossier') throw bodyShape('the first part must be the field "dossier" (the manifest)');
  if (part.truncated) throw new ApiError(413, 'payload_too_large', 'The manifest is too large.', 'Phần mô tả hồ sơ quá lớn.');
  let value: unknown;
  try {
    value = JSON.parse(part.value);
  } catch {
    throw bodyShape('the first part: the field "dossier" is not JSON');
  }
  const problems = check(value);
  if (problems.length > 0) throw bodyShape(`the first part: ${problems.join('; ')}`);
  return value as Manifest;
}

/** The submission the single-call path would send: the dossier with its files' uploads. */
function submissionOf(manifest: Manifest, uploadIds: ReadonlyMap<string, string>): unknown {
  return {
    ...manifest.dossier,
    files: manifest.files.map((f) => ({ uploadId: uploadIds.get(f.sha256) ?? '', documentId: f.documentId, fileName: f.fileName, sha256: f.sha256, length: f.length })),
  };
}

/** 400 for a body out of shape, with the problem in English and in `details.errors`. */
const bodyShape = (problem: string): ApiError =>
  new ApiError(400, 'invalid_request', `The request does not match the Kiosk Sync API: ${problem}`, 'Yêu cầu không đúng định dạng của giao diện đồng bộ.', {
    errors: [problem],
  });
