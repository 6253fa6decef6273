import { z } from 'zod';
import { QueuePaceSchema, WaitEstimateSchema } from '../../src-shared/queue-wait';

/**
 * The answers of the Kiosk Sync API (docs/sync-api.yaml) that the kiosk reads, checked before use:
 * a portal (or a proxy) that answers something else is treated as a transient failure, never trusted.
 * Unknown fields are allowed: within v1 the portal may add response fields.
 */
export const EnrollmentSchema = z.object({
  terminalId: z.string(),
  terminalIndex: z.number().int().min(1).max(999),
  credential: z.string().min(32),
  centerId: z.string(),
  agencyCode: z.string().regex(/^[0-9A-Z.]{1,35}$/),
  timeZone: z.string(),
});
export type Enrollment = z.infer<typeof EnrollmentSchema>;

/** `configEtag` since 1.6: absent from an older portal, which serves no central configuration. */
export const HeartbeatAckSchema = z.object({ serverTime: z.string(), catalogEtag: z.string(), configEtag: z.string().optional() });
export type HeartbeatAck = z.infer<typeof HeartbeatAckSchema>;

/** GET /v1/terminal-config: the merged document (checked by the kiosk, not here) and its version. */
export const TerminalConfigSchema = z.object({ version: z.number().int().min(0), document: z.unknown() });

/** POST /v1/terminal-config/report. */
export const ConfigReportReceiptSchema = z.object({ version: z.number().int(), outcome: z.enum(['applied', 'rejected']), receivedAt: z.string() });

/** The portal kept a terminal's diagnostics export (POST /v1/terminals/{terminalId}/diagnostics). */
export const DiagnosticsReceiptSchema = z.object({ id: z.string(), receivedAt: z.string(), bytes: z.number().int().nonnegative() });

export const CodeBlockSchema = z.object({
  blockId: z.string(),
  agencyCode: z.string(),
  day: z.string(),
  codes: z.array(z.string().regex(/^[0-9A-Z.]{1,35}-\d{6}-\d{4}$/)),
});

export const QueueTicketSchema = z.object({
  ticketId: z.string(),
  serviceId: z.string(),
  day: z.string(),
  number: z.number().int().min(1),
  source: z.enum(['portal', 'block', 'terminal']),
});

export const QueueStatusSchema = z.object({
  day: z.string(),
  asOf: z.string(),
  services: z.array(
    z.object({
      serviceId: z.string(),
      waitingPriority: z.number().int().min(0),
      waitingOthers: z.number().int().min(0),
      lastCalledAt: z.string().nullable(),
      pace: QueuePaceSchema.nullable(),
    }),
  ),
});
export type QueueStatus = z.infer<typeof QueueStatusSchema>;

export const QueuePositionSchema = z.object({
  ticketId: z.string(),
  serviceId: z.string(),
  state: z.enum(['waiting', 'called', 'served']),
  peopleAhead: z.number().int().min(0),
  pace: QueuePaceSchema.nullable(),
  estimate: WaitEstimateSchema.nullable(),
  asOf: z.string(),
});

export const QueueBlockSchema = z.object({
  blockId: z.string(),
  serviceId: z.string(),
  day: z.string(),
  first: z.number().int().min(1),
  last: z.number().int().min(1),
});

export const UploadSchema = z.object({
  uploadId: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/),
  offset: z.number().int().min(0),
  length: z.number().int().min(0),
  sha256: z.string(),
  state: z.enum(['partial', 'complete']),
});
export type Upload = z.infer<typeof UploadSchema>;

export const DossierReceiptSchema = z.object({
  dossierId: z.string(),
  code: z.string().regex(/^[0-9A-Z.]{1,35}-\d{6}-\d{4}$/),
  codeSource: z.enum(['reserved', 'assigned']),
  provisionalCode: z.string().optional(),
  status: z.number().int().min(1).max(10),
  receivedAt: z.string(),
});
export type DossierReceipt = z.infer<typeof DossierReceiptSchema>;

export const DossierStatusSchema = z.object({
  dossierId: z.string(),
  code: z.string(),
  provisionalCode: z.string().optional(),
  procedureCode: z.string().optional(),
  status: z.number().int().min(1).max(10),
  updatedAt: z.string(),
  appointmentAt: z.string().optional(),
  history: z.array(z.object({ status: z.number().int().min(1).max(10), at: z.string(), note: z.string().optional() })),
});

/** Payment in the spec: the portal's record of a fee payment, confirmed once the money arrives. */
export const PaymentSchema = z.object({
  paymentId: z.string(),
  dossierId: z.string(),
  amountVnd: z.number().int().min(1),
  state: z.enum(['pending', 'confirmed', 'failed']),
  confirmedAt: z.string().optional(),
  reason: z.string().optional(),
});

/** What the kiosk sends when a citizen starts paying (PaymentRequest in the spec). */
export interface PaymentRequest {
  paymentId: string;
  dossierId: string;
  amountVnd: number;
  method: 'vietqr';
  reference?: string;
  createdAt: string;
}

/** RatingReceipt in the spec: the portal holds the rating. */
export const RatingReceiptSchema = z.object({ ratingId: z.string(), receivedAt: z.string() });

/** What the kiosk sends for a satisfaction rating (RatingSubmission in the spec). */
export interface RatingSubmission {
  ratingId: string;
  subject: 'kiosk' | 'dossier' | 'counter';
  dossierId?: string;
  ticketId?: string;
  ratedAt: string;
  overall: 'very_satisfied' | 'satisfied' | 'not_satisfied';
  indices: { code: string; score: 0 | 1 | 2 }[];
  comment?: string;
}

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messageVi: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** What the kiosk sends with a dossier (DossierSubmission in the spec). */
export interface DossierSubmission {
  dossierId: string;
  code?: string;
  provisionalCode?: string;
  procedureCode: string;
  procedureName?: string;
  summary?: string;
  receivedAt: string;
  receivedDay: string;
  appointmentAt?: string;
  channel: 1 | 2 | 3;
  applicant: { kind: 1 | 2; name: string; idNumber: string; phone?: string; email?: string; address?: string };
  formData: Record<string, string | number | boolean | null>;
  files: { uploadId: string; documentId: string; fileName: string; sha256: string; length: number }[];
  fees?: { label: string; amountVnd: number }[];
  consent?: { textVersion: string; agreedAt: string };
}

/** A dossier and its files in one request (DossierBundleManifest in the spec). */
export interface DossierBundleManifest {
  /** The submission with no files: the portal fills them from the parts. */
  dossier: DossierSubmission & { files: [] };
  files: { documentId: string; fileName: string; sha256: string; length: number; contentType: string }[];
}

export interface HeartbeatBody {
  appVersion: string;
  sentAt: string;
  catalogVersion?: string;
  devices: { device: string; state: 'ok' | 'degraded' | 'offline'; reason?: string }[];
  outbox: { depth: number; oldestPendingAgeSeconds?: number; parked?: number; lastError?: string };
  render?: { screen: string; ageSeconds: number };
  uptimeSeconds?: number;
  schemaVersion?: number;
  storage?: { level: 'ok' | 'low' | 'full' | 'unknown'; freeBytes?: number };
  clockSkewSeconds?: number;
  lastPurgeAt?: string;
  changed?: boolean;
  /** The central configuration version in force (1.6). */
  configVersion?: number;
}
