import type { IncomingMessage } from 'node:http';
import { ApiError } from '../http/api-error';
import type { Reply } from '../http/http-io';
import { multipartParts, type Part } from '../http/multipart-parts';
import { findAnswer } from '../repo/idempotency';
import { uploadById } from '../repo/uploads';
import type { HandlerContext } from './context';
import type { BundlePack } from './pack-store';
import { commitUploads, CREATE_UPLOAD, inProgress, keyReused, receiveUpload, type PendingUpload } from './upload-create-with-body';

interface BundleFile {
  documentId: string;
  fileName: string;
  sha256: string;
  length: number;
  contentType: string;
}
export interface Manifest {
  dossier: Record<string, unknown> & { files: unknown[] };
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
 * `<key>.<sha256>` (synced and committed like one), then the dossier submit under `<key>`. What
 * happened before a break is found again by those keys, so the client goes on with single calls.
 */
export async function submitDossierBundle(ctx: HandlerContext, req: IncomingMessage, key: string, deps: BundleDeps): Promise<Reply | 'dropped'> {
  const { config } = ctx.deps;
  const parts = new PartCursor(multipartParts(req, { fieldBytes: config.maxJsonBytes, fields: 1, files: 100 }));
  const group = new BundleGroup(ctx, deps.busyKeys);
  try {
    const manifest = readManifest(await parts.next(), 'the first part', deps.checkManifest) as Manifest;
    const files = await receiveBundleFiles(ctx, group, parts, manifest, key, deps.dropAfter, async (distinct) => {
      const extra = await parts.next();
      if (extra) {
        if (extra.kind === 'file') extra.stream.resume();
        throw bodyShape(`the body has more parts than the manifest's ${distinct} distinct files`);
      }
    });
    await group.commit();
    return files.kind === 'dropped' ? 'dropped' : finishBundle(ctx, group, files, deps.submit);
  } finally {
    await group.close();
    await parts.close();
  }
}

/**
 * Bundles received in one request: each reserves its room in a pack and holds its dossier's key;
 * their new uploads are recorded together (one sync, one transaction), then each is submitted.
 * Whatever arrived is recorded even when a bundle is refused or the body breaks.
 */
export class BundleGroup {
  private readonly pending: PendingUpload[] = [];
  private readonly packs: BundlePack[] = [];
  private readonly held = new Set<string>();
  private committed = false;

  constructor(
    private readonly ctx: HandlerContext,
    /** The keys in use, the server's: an upload's key is busy while its bytes arrive. */
    readonly busyKeys: Set<string>,
  ) {}

  /** Marks the dossier key busy until its submit (or the end of the request); false if it already is. */
  hold(busyKey: string): boolean {
    if (this.busyKeys.has(busyKey)) return false;
    this.busyKeys.add(busyKey);
    this.held.add(busyKey);
    return true;
  }

  free(busyKey: string): void {
    if (this.held.delete(busyKey)) this.busyKeys.delete(busyKey);
  }

  async reserve(bytes: number): Promise<BundlePack> {
    const pack = await this.ctx.deps.packs.reserve(bytes);
    this.packs.push(pack);
    return pack;
  }

  add(upload: PendingUpload): void {
    this.pending.push(upload);
  }

  /** Records every upload received so far (once). */
  async commit(): Promise<void> {
    if (this.committed) return;
    this.committed = true;
    await commitUploads(this.ctx, this.pending, this.busyKeys);
  }

  /** After the request: records what was not yet (a failure on the way), frees keys and packs. */
  async close(): Promise<void> {
    await this.commit().catch(() => undefined);
    for (const key of [...this.held]) this.free(key);
    await Promise.all(this.packs.map((p) => p.release()));
  }
}

/** A bundle's files, received into its group (not yet recorded). */
export type BundleFiles =
  | { kind: 'received'; manifest: Manifest; key: string; uploadIds: Map<string, string>; stored: boolean; fileBytes: number }
  | { kind: 'dropped'; fileBytes: number };

/**
 * One bundle's files from `parts` (its manifest already read), then `afterFiles` (which checks
 * what follows them). A dossier received before (`stored`) reads none of its file parts: the
 * caller skips them. Used alone by a bundle and once per entry by a batch.
 */
export async function receiveBundleFiles(
  ctx: HandlerContext,
  group: BundleGroup,
  parts: PartCursor,
  manifest: Manifest,
  key: string,
  dropAfter: number | undefined,
  afterFiles: (distinct: number) => Promise<void>,
): Promise<BundleFiles> {
  const { db } = ctx.deps;
  // One part per distinct file (a page listed twice is one upload), facts of its first entry.
  const firstOf = new Map<string, BundleFile>();
  for (const f of manifest.files) if (!firstOf.has(f.sha256)) firstOf.set(f.sha256, f);
  const distinct = [...firstOf.values()];
  const uploadIds = new Map<string, string>();
  if (findAnswer(db, ctx.terminal.id, 'submitDossier', key)) {
    // Already received: answer as the dossier submit does, without taking the bytes again.
    for (const f of distinct) {
      const stored = findAnswer(db, ctx.terminal.id, CREATE_UPLOAD, bundleFileKey(key, f.sha256));
      if (!stored) throw keyReused();
      uploadIds.set(f.sha256, (JSON.parse(stored.body) as { uploadId: string }).uploadId);
    }
    return { kind: 'received', manifest, key, uploadIds, stored: true, fileBytes: 0 };
  }
  if (!group.hold(`${ctx.terminal.id}\n${key}`)) throw inProgress();
  // Received files go one after another into a pack, synced together and recorded in one
  // transaction with the group's: once all arrived, or with what arrived when the body breaks
  // or a part is refused (the client resumes from it). Room is reserved only for files not
  // received before: a retried bundle replays those, writing nothing.
  const toReceive = distinct.filter((f) => !findAnswer(db, ctx.terminal.id, CREATE_UPLOAD, bundleFileKey(key, f.sha256)));
  const pack = await group.reserve(toReceive.reduce((n, f) => n + f.length, 0));
  const packStart = pack.end;
  for (const [i, file] of distinct.entries()) {
    const part = await parts.next();
    if (part?.kind !== 'file' || part.name !== 'file') throw bodyShape(`part ${i + 2} of the dossier must be the file ${file.fileName} (a file part named "file")`);
    const meta = { length: file.length, sha256: file.sha256, fileName: file.fileName, contentType: file.contentType };
    // A drop after N bytes counts the bundle's file bytes, not each part's.
    const dropLeft = dropAfter === undefined ? undefined : Math.max(0, dropAfter - (pack.end - packStart));
    const received = await receiveUpload(ctx, { req: part.stream, key: bundleFileKey(key, file.sha256), meta, busyKeys: group.busyKeys, dropAfter: dropLeft, pack });
    if (received.kind === 'replay') {
      uploadIds.set(file.sha256, (received.reply.body as { uploadId: string }).uploadId);
      continue;
    }
    group.add(received.upload);
    uploadIds.set(file.sha256, received.upload.id);
    if (received.upload.dropped) return { kind: 'dropped', fileBytes: pack.end - packStart };
  }
  await afterFiles(distinct.length);
  return { kind: 'received', manifest, key, uploadIds, stored: false, fileBytes: pack.end - packStart };
}

/** After the group's commit: the bundle's submit, once each of its files is complete. */
export function finishBundle(ctx: HandlerContext, group: BundleGroup, files: Extract<BundleFiles, { kind: 'received' }>, submit: BundleDeps['submit']): Reply {
  const { manifest, key, uploadIds } = files;
  if (!files.stored) {
    for (const file of manifest.files) {
      const id = uploadIds.get(file.sha256) ?? '';
      if (uploadById(ctx.deps.db, id)?.state !== 'complete')
        throw new ApiError(
          409,
          'upload_incomplete',
          `File ${file.fileName} (upload ${id}) was begun by an earlier try and is not complete: resume it with PATCH, then submit.`,
          'Tệp chưa được tải lên đầy đủ; hãy tải tiếp rồi nộp hồ sơ.',
          { uploadId: id },
        );
    }
  }
  // The submit refuses a key still busy: this bundle's own hold ends here.
  group.free(`${ctx.terminal.id}\n${key}`);
  return submit(submissionOf(manifest, uploadIds), key);
}

/**
 * The parts of a multipart body with one part of look-ahead: a batch reads the part after a
 * dossier's files to see whether another dossier follows, and puts it back.
 */
export class PartCursor {
  private held: { part: Part | undefined } | null = null;
  private lastFile: Part | undefined;

  constructor(private readonly parts: AsyncGenerator<Part>) {}

  /** The next part, or undefined at the end of the body. What a reader left of a file part is drained. */
  async next(): Promise<Part | undefined> {
    if (this.held) {
      const { part } = this.held;
      this.held = null;
      return part;
    }
    // The parser gives the next part only once this one was read to its end.
    if (this.lastFile?.kind === 'file') this.lastFile.stream.resume();
    const next = await this.parts.next();
    const part = next.done ? undefined : next.value;
    this.lastFile = part?.kind === 'file' ? part : undefined;
    return part;
  }

  putBack(part: Part | undefined): void {
    this.held = { part };
  }

  async close(): Promise<void> {
    await this.parts.return(undefined);
  }
}

/** The body does not have the shape its operation defines: the whole request is refused. */
export class BodyShapeError extends ApiError {}

/** A `dossier` field part's JSON, checked against its schema. */
export function readManifest(part: Part | undefined, where: string, check: (value: unknown) => string[]): unknown {
  if (part?.kind === 'file') part.stream.resume();
  if (part?.kind !== 'field' || part.name !== 'dossier') throw bodyShape(`${where} must be the field "dossier" (the manifest)`);
  if (part.truncated) throw new ApiError(413, 'payload_too_large', 'The manifest is too large.', 'Phần mô tả hồ sơ quá lớn.');
  let value: unknown;
  try {
    value = JSON.parse(part.value);
  } catch {
    throw bodyShape(`${where}: the field "dossier" is not JSON`);
  }
  const problems = check(value);
  if (problems.length > 0) throw bodyShape(`${where}: ${problems.join('; ')}`);
  return value;
}

/** The submission the single-call path would send: the dossier with its files' uploads. */
function submissionOf(manifest: Manifest, uploadIds: ReadonlyMap<string, string>): unknown {
  return {
    ...manifest.dossier,
    files: manifest.files.map((f) => ({ uploadId: uploadIds.get(f.sha256) ?? '', documentId: f.documentId, fileName: f.fileName, sha256: f.sha256, length: f.length })),
  };
}

/** 400 for a body out of shape, with the problem in English and in `details.errors`. */
export const bodyShape = (problem: string): BodyShapeError =>
  new BodyShapeError(400, 'invalid_request', `The request does not match the Kiosk Sync API: ${problem}`, 'Yêu cầu không đúng định dạng của giao diện đồng bộ.', {
    errors: [problem],
  });
