import type { IncomingMessage } from 'node:http';
import { ApiError } from '../http/api-error';
import type { Reply } from '../http/http-io';
import { multipartParts, type Part } from '../http/multipart-parts';
import { findAnswer } from '../repo/idempotency';
import { uploadById } from '../repo/uploads';
import type { HandlerContext } from './context';
import { commitUploads, CREATE_UPLOAD, inProgress, keyReused, receiveUpload, type PendingUpload } from './upload-create-with-body';

interface BundleFile {
  documentId: string;
  fileName: string;
  sha256: string;
  length: number;
  contentType: string;
}
interface Manifest {
  dossier: Record<string, unknown> & { files: unknown[] };
  files: BundleFile[];
}

export interface BundleDeps {
  /** Problems of the manifest against the spec (empty when it matches). */
  checkManifest: (value: unknown) => string[];
  /** POST /v1/dossiers under the bundle's key, with its idempotency: the bundle's last step. */
  submit: (submission: unknown) => Reply;
  busyKeys: Set<string>;
  dropAfter: number | undefined;
}

/** The key a bundle's file is uploaded under: the spec defines the bundle as these single calls. */
export const bundleFileKey = (key: string, sha256: string): string => `${key}.${sha256}`;

/**
 * POST /v1/dossier-bundles: the manifest, then each distinct file as a creation with upload under
 * `<key>.<sha256>` (synced and committed like one), then the dossier submit under `<key>`. What
 * happened before a break is found again by those keys, so the client goes on with single calls.
 */
export async function submitDossierBundle(ctx: HandlerContext, req: IncomingMessage, key: string, deps: BundleDeps): Promise<Reply | 'dropped'> {
  const { config, db } = ctx.deps;
  const parts = multipartParts(req, { fieldBytes: config.maxJsonBytes, fields: 1, files: 100 });
  try {
    const manifest = readManifest(await parts.next(), deps.checkManifest);
    const busyKey = `${ctx.terminal.id}\n${key}`;
    // One part per distinct file (a page listed twice is one upload), facts of its first entry.
    const firstOf = new Map<string, BundleFile>();
    for (const f of manifest.files) if (!firstOf.has(f.sha256)) firstOf.set(f.sha256, f);
    const distinct = [...firstOf.values()];
    if (findAnswer(db, ctx.terminal.id, 'submitDossier', key)) {
      // Already received: answer as the dossier submit does, without taking the bytes again.
      const uploadIds = new Map<string, string>();
      for (const f of distinct) {
        const stored = findAnswer(db, ctx.terminal.id, CREATE_UPLOAD, bundleFileKey(key, f.sha256));
        if (!stored) throw keyReused();
        uploadIds.set(f.sha256, (JSON.parse(stored.body) as { uploadId: string }).uploadId);
      }
      return deps.submit(submissionOf(manifest, uploadIds));
    }
    if (deps.busyKeys.has(busyKey)) throw inProgress();
    deps.busyKeys.add(busyKey);
    // Received files go one after another into a pack, synced together and recorded in one
    // transaction: once all arrived, or with what arrived when the body breaks or a part is
    // refused (the client resumes from it). Room is reserved only for files not received before:
    // a retried bundle replays those, writing nothing.
    const toReceive = distinct.filter((f) => !findAnswer(db, ctx.terminal.id, CREATE_UPLOAD, bundleFileKey(key, f.sha256)));
    const pack = await ctx.deps.packs.reserve(toReceive.reduce((n, f) => n + f.length, 0));
    const packStart = pack.end;
    const pending: PendingUpload[] = [];
    let committed = false;
    const commit = async () => {
      committed = true;
      await commitUploads(ctx, pending, deps.busyKeys);
    };
    try {
      const uploadIds = new Map<string, string>();
      for (const [i, file] of distinct.entries()) {
        const next = await parts.next();
        const part: Part | undefined = next.done ? undefined : next.value;
        if (part?.kind !== 'file' || part.name !== 'file') throw invalid(`part ${i + 2} must be the file ${file.fileName} (a file part named "file")`);
        const meta = { length: file.length, sha256: file.sha256, fileName: file.fileName, contentType: file.contentType };
        // A drop after N bytes counts the bundle's file bytes, not each part's.
        const dropAfter = deps.dropAfter === undefined ? undefined : Math.max(0, deps.dropAfter - (pack.end - packStart));
        const received = await receiveUpload(ctx, { req: part.stream, key: bundleFileKey(key, file.sha256), meta, busyKeys: deps.busyKeys, dropAfter, pack });
        if (received.kind === 'replay') {
          uploadIds.set(file.sha256, (received.reply.body as { uploadId: string }).uploadId);
          continue;
        }
        pending.push(received.upload);
        uploadIds.set(file.sha256, received.upload.id);
        if (received.upload.dropped) {
          await commit();
          return 'dropped';
        }
      }
      const extra = await parts.next();
      if (!extra.done) {
        if (extra.value.kind === 'file') extra.value.stream.resume();
        throw invalid(`the body has more parts than the manifest's ${distinct.length} distinct files`);
      }
      await commit();
      for (const file of distinct) {
        const id = uploadIds.get(file.sha256) ?? '';
        if (uploadById(db, id)?.state !== 'complete')
          throw new ApiError(
            409,
            'upload_incomplete',
            `File ${file.fileName} (upload ${id}) was begun by an earlier try and is not complete: resume it with PATCH, then submit.`,
            'Tệp chưa được tải lên đầy đủ; hãy tải tiếp rồi nộp hồ sơ.',
            { uploadId: id },
          );
      }
      deps.busyKeys.delete(busyKey);
      return deps.submit(submissionOf(manifest, uploadIds));
    } catch (error) {
      if (!committed) await commit().catch(() => undefined);
      throw error;
    } finally {
      deps.busyKeys.delete(busyKey);
      await pack.release();
    }
  } finally {
    await parts.return(undefined);
  }
}

function readManifest(first: IteratorResult<Part>, check: (value: unknown) => string[]): Manifest {
  const part = first.done ? undefined : first.value;
  if (part?.kind === 'file') part.stream.resume();
  if (part?.kind !== 'field' || part.name !== 'dossier') throw invalid('the first part must be the field "dossier" (the manifest)');
  if (part.truncated) throw new ApiError(413, 'payload_too_large', 'The manifest is too large.', 'Phần mô tả hồ sơ quá lớn.');
  let value: unknown;
  try {
    value = JSON.parse(part.value);
  } catch {
    throw invalid('the field "dossier" is not JSON');
  }
  const problems = check(value);
  if (problems.length > 0) throw invalid(problems.join('; '));
  return value as Manifest;
}

/** The submission the single-call path would send: the dossier with its files' uploads. */
function submissionOf(manifest: Manifest, uploadIds: ReadonlyMap<string, string>): unknown {
  return {
    ...manifest.dossier,
    files: manifest.files.map((f) => ({ uploadId: uploadIds.get(f.sha256) ?? '', documentId: f.documentId, fileName: f.fileName, sha256: f.sha256, length: f.length })),
  };
}

const invalid = (problem: string): ApiError =>
  new ApiError(400, 'invalid_request', `The request does not match the Kiosk Sync API: ${problem}`, 'Yêu cầu không đúng định dạng của giao diện đồng bộ.', {
    errors: [problem],
  });
