import { z } from 'zod';
import { LocalizedTextSchema } from './dto';

/** National procedure code, e.g. 1.004227, optionally suffixed with an agency code. */
export const ProcedureCodeSchema = z
  .string()
  .regex(/^[12]\.\d{6}(\.[0-9A-Z.]{1,35})?$/, 'a national procedure code such as 1.004227');

export const OnlineLevelSchema = z.enum(['information', 'partly_online', 'fully_online']);
export type OnlineLevel = z.infer<typeof OnlineLevelSchema>;

export const DeliveryOptionSchema = z.enum(['at_center', 'post', 'electronic']);
export type DeliveryOption = z.infer<typeof DeliveryOptionSchema>;

export const RequiredDocumentSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'lowercase letters, digits and dashes'),
  name: LocalizedTextSchema,
  form: z.enum(['original', 'copy', 'certified_copy', 'original_or_copy']),
  count: z.number().int().min(1).max(20),
  mandatory: z.boolean(),
  /** False when the counter must see the paper (no scan accepted). */
  acceptScan: z.boolean(),
});
export type RequiredDocument = z.infer<typeof RequiredDocumentSchema>;

export const PrefillSourceSchema = z.enum([
  'cccd.fullName',
  'cccd.idNumber',
  'cccd.birthDate',
  'cccd.sex',
  'cccd.address',
]);

export const FormFieldSchema = z.object({
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, 'an identifier'),
  type: z.enum(['text', 'textarea', 'date', 'number', 'select', 'phone', 'email', 'id-number']),
  label: LocalizedTextSchema,
  required: z.boolean(),
  maxLength: z.number().int().min(1).max(5000).optional(),
  pattern: z.string().optional(),
  options: z.array(z.object({ value: z.string(), label: LocalizedTextSchema })).optional(),
  prefill: PrefillSourceSchema.optional(),
});
export type FormField = z.infer<typeof FormFieldSchema>;

export const FeeSchema = z.object({
  label: LocalizedTextSchema,
  amountVnd: z.number().int().min(0),
});

export const ProcedureSchema = z.object({
  code: ProcedureCodeSchema,
  name: LocalizedTextSchema,
  fieldCode: z.string(),
  agencyCode: z.string(),
  level: OnlineLevelSchema,
  /** Statutory processing time in working days (0 = same day). */
  processingDays: z.number().int().min(0).max(365),
  fees: z.array(FeeSchema),
  legalBasis: z.array(z.string().min(1)).min(1),
  delivery: z.array(DeliveryOptionSchema).min(1),
  documents: z.array(RequiredDocumentSchema),
  formFields: z.array(FormFieldSchema),
  portalUrl: z.string().url().optional(),
});
export type Procedure = z.infer<typeof ProcedureSchema>;

export const FieldSchema = z.object({
  code: z.string().regex(/^[a-z0-9-]{1,40}$/),
  name: LocalizedTextSchema,
  icon: z.string(),
});
export type CatalogField = z.infer<typeof FieldSchema>;

export const AgencySchema = z.object({ code: z.string().min(1).max(35), name: LocalizedTextSchema });

export const CatalogDocumentSchema = z.object({
  schemaVersion: z.literal(1),
  /** Shown to IT staff; changes with every publication. */
  version: z.string().min(1).max(64),
  demo: z.boolean(),
  publishedAt: z.string(),
  fields: z.array(FieldSchema),
  agencies: z.array(AgencySchema),
  procedures: z.array(ProcedureSchema),
});
export type CatalogDocument = z.infer<typeof CatalogDocumentSchema>;

// What the renderer gets from the catalog.
export const ProcedureSummarySchema = z.object({
  code: z.string(),
  name: LocalizedTextSchema,
  fieldCode: z.string(),
  level: OnlineLevelSchema,
  processingDays: z.number(),
  feeTotalVnd: z.number(),
});
export type ProcedureSummary = z.infer<typeof ProcedureSummarySchema>;

export const ProcedureDetailSchema = ProcedureSchema.extend({
  fieldName: LocalizedTextSchema,
  agencyName: LocalizedTextSchema,
});
export type ProcedureDetail = z.infer<typeof ProcedureDetailSchema>;

export const FieldSummarySchema = FieldSchema.extend({ procedureCount: z.number() });
export type FieldSummary = z.infer<typeof FieldSummarySchema>;

export const CatalogInfoSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('empty') }),
  z.object({
    state: z.literal('loaded'),
    version: z.string(),
    demo: z.boolean(),
    publishedAt: z.string(),
    importedAt: z.string(),
    procedureCount: z.number(),
    fieldCount: z.number(),
  }),
]);
export type CatalogInfo = z.infer<typeof CatalogInfoSchema>;

export const SearchResultSchema = z.object({
  /** exact-code: the query was a procedure code; corrected: found only by tolerating a typo. */
  match: z.enum(['none', 'exact-code', 'text', 'corrected']),
  results: z.array(ProcedureSummarySchema),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;
