import type { IncomingMessage } from 'node:http';
import { ApiError } from '../http/api-error';
import { errorReply, type Reply } from '../http/http-io';
import { multipartParts } from '../http/multipart-parts';
import type { HandlerContext } from './context';
import { bodyShape, BodyShapeError, BundleGroup, finishBundle, PartCursor, readManifest, receiveBundleFiles, type BundleDeps, type BundleFiles, type Manifest } from './dossier-bundle';

/** The most dossiers one batch may carry (the spec's `maxItems`). */
export const MAX_BATCH_DOSSIERS = 32;
const MAX_FILES_PER_DOSSIER = 100;

interface BatchEntry extends Manifest {
  idempotencyKey: string;
}

/** One entry's answer: what its bundle would have answered. */
export interface BatchResult {
  idempotencyKey: string;
  status: number;
  replayed?: boolean;
  body: unknown;
}

type Entry = { key: string; files: Extract<BundleFiles, { kind: 'received' }> } | { key: string; refused: ApiError };

/**
 * POST /v1/dossier-batches: each entry in body order is the bundle `POST /v1/dossier-bundles`
 * under its own key, so each is recorded, replayed and resumed exactly as that bundle would be.
 * The batch's files are recorded together (one sync, one transaction), then every entry is
 * submitted in one transaction: per dossier, the portal's fixed costs are shared (decision 0018).
 * An entry's refusal is its result and the next entry goes on; a body out of shape, a failure
 * of the portal itself or a break refuses the rest (what arrived before stays recorded, found
 * again by the entries' keys). A drop after N bytes counts the file bytes of the whole batch.
 */
export async function submitDossierBatch(ctx: HandlerContext, req: IncomingMessage, deps: BundleDeps): Promise<Reply | 'dropped'> {
  const { config, db } = ctx.deps;
  const parts = new PartCursor(
    multipartParts(req, { fieldBytes: config.maxJsonBytes, fields: MAX_BATCH_DOSSIERS, files: MAX_BATCH_DOSSIERS * MAX_FILES_PER_DOSSIER }),
  );
  const group = new BundleGroup(ctx, deps.busyKeys);
  const entries: Entry[] = [];
  let fileBytes = 0;
  try {
    for (let part = await parts.next(); part !== undefined; part = await parts.next()) {
      const where = entries.length === 0 ? 'the first part' : `the part after dossier ${entries.length}`;
      const entry = readManifest(part, where, deps.checkManifest) as BatchEntry;
      const key = entry.idempotencyKey;
      const dropAfter = deps.dropAfter === undefined ? undefined : Math.max(0, deps.dropAfter - fileBytes);
      try {
        const files = await receiveBundleFiles(ctx, group, parts, entry, key, dropAfter, async (distinct) => {
          const next = await parts.next();
          if (next !== undefined && !(next.kind === 'field' && next.name === 'dossier')) {
            if (next.kind === 'file') next.stream.resume();
            throw bodyShape(`dossier ${entries.length + 1} has more file parts than its ${distinct} distinct files`);
          }
          parts.putBack(next);
        });
        fileBytes += files.fileBytes;
        if (files.kind === 'dropped') {
          await group.commit();
          return 'dropped';
        }
        entries.push({ key, files });
      } catch (error) {
        // The body's shape or the portal itself failed: nothing after this can be trusted.
        if (!(error instanceof ApiError) || error instanceof BodyShapeError) throw error;
        entries.push({ key, refused: error });
      }
      await skipFileParts(parts);
    }
    if (entries.length === 0) throw new BodyShapeError(400, 'invalid_request', 'The batch carries no dossier.', 'Lô gửi không có hồ sơ nào.');
    await group.commit();
    const results = db.transaction(() =>
      entries.map((entry): BatchResult => {
        if ('refused' in entry) return resultOf(entry.key, errorReply(entry.refused));
        try {
          return resultOf(entry.key, finishBundle(ctx, group, entry.files, deps.submit));
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          return resultOf(entry.key, errorReply(error));
        }
      }),
    )();
    return { status: 200, body: { results } };
  } finally {
    await group.close();
    await parts.close();
  }
}

/**
 * After an entry: the file parts it did not read (a replay reads none, a refusal stops at the
 * refused file) are drained, up to the next manifest, which is put back.
 */
async function skipFileParts(parts: PartCursor): Promise<void> {
  let part = await parts.next();
  while (part?.kind === 'file') part = await parts.next();
  parts.putBack(part);
}

function resultOf(key: string, reply: Reply): BatchResult {
  const replayed = reply.headers?.['idempotent-replayed'] === 'true';
  return { idempotencyKey: key, status: reply.status, ...(replayed ? { replayed } : {}), body: reply.body };
}
