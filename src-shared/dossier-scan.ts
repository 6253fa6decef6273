import { z } from 'zod';
import { LanguageSchema, LocalizedTextSchema } from './dto';

/** A small PNG of a scanned page, as a data URL the screen can show directly. */
const ThumbnailSchema = z.string().startsWith('data:image/png;base64,');

/** Scans one required document into a dossier session, in main (src-main/dossier/scan-into-session.ts). */
export const ScanDocumentPagesRequestSchema = z
  .object({
    sessionId: z.string().uuid(),
    documentId: z.string().regex(/^[a-z0-9-]{1,40}$/),
    language: LanguageSchema.optional(),
  })
  .strict();

export const ScannedSessionPageSchema = z.object({
  pageId: z.string().uuid(),
  thumbnail: ThumbnailSchema,
  byteSize: z.number().int(),
});
export type ScannedSessionPage = z.infer<typeof ScannedSessionPageSchema>;

export const ScanDocumentPagesResponseSchema = z.object({
  /** The pages staged, in reading order; each can be discarded on its own. */
  pages: z.array(ScannedSessionPageSchema),
  /** Set when the scan stopped early but kept these pages (jam, limits): what to do, for the citizen. */
  notice: LocalizedTextSchema.nullable(),
});

/** Event `scanProgress`: one more page came out of the scanner. */
export const ScanProgressSchema = z.object({
  sessionId: z.string(),
  documentId: z.string(),
  pageNumber: z.number().int().min(1),
  thumbnail: ThumbnailSchema,
});
export type ScanProgress = z.infer<typeof ScanProgressSchema>;
