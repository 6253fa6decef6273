import type { Database } from 'better-sqlite3';
import {
  ProcedureSchema,
  type CatalogInfo,
  type FieldSummary,
  type ProcedureDetail,
  type ProcedureSummary,
} from '../../src-shared/catalog';

export const SUMMARY_COLUMNS =
  'p.code, p.name_vi, p.name_en, p.field_code, p.level, p.processing_days, p.fee_total_vnd';

export interface SummaryRow {
  code: string;
  name_vi: string;
  name_en: string;
  field_code: string;
  level: ProcedureSummary['level'];
  processing_days: number;
  fee_total_vnd: number;
}

export const rowToSummary = (r: SummaryRow): ProcedureSummary => ({
  code: r.code,
  name: { vi: r.name_vi, en: r.name_en },
  fieldCode: r.field_code,
  level: r.level,
  processingDays: r.processing_days,
  feeTotalVnd: r.fee_total_vnd,
});

export function getCatalogInfo(db: Database): CatalogInfo {
  const meta = db.prepare(`SELECT version, demo, published_at, imported_at FROM catalog_meta WHERE id = 1`).get() as
    | { version: string; demo: number; published_at: string; imported_at: string }
    | undefined;
  if (!meta) return { state: 'empty' };
  const counts = db
    .prepare(`SELECT (SELECT count(*) FROM procedures) AS procedures, (SELECT count(*) FROM catalog_fields) AS fields`)
    .get() as { procedures: number; fields: number };
  return {
    state: 'loaded',
    version: meta.version,
    demo: meta.demo === 1,
    publishedAt: meta.published_at,
    importedAt: meta.imported_at,
    procedureCount: counts.procedures,
    fieldCount: counts.fields,
  };
}

/** Fields that have procedures, in catalog order. */
export function listFields(db: Database): FieldSummary[] {
  const rows = db
    .prepare(
      `SELECT f.code, f.name_vi, f.name_en, f.icon, count(p.code) AS n
       FROM catalog_fields f JOIN procedures p ON p.field_code = f.code
       GROUP BY f.code ORDER BY f.ord`,
    )
    .all() as { code: string; name_vi: string; name_en: string; icon: string; n: number }[];
  return rows.map((r) => ({ code: r.code, name: { vi: r.name_vi, en: r.name_en }, icon: r.icon, procedureCount: r.n }));
}

export function listProcedures(db: Database, fieldCode: string): ProcedureSummary[] {
  const rows = db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM procedures p WHERE p.field_code = ? ORDER BY p.name_folded`)
    .all(fieldCode) as SummaryRow[];
  return rows.map(rowToSummary);
}

export function getProcedure(db: Database, code: string): ProcedureDetail | undefined {
  const row = db
    .prepare(
      `SELECT p.data, f.name_vi AS f_vi, f.name_en AS f_en, a.name_vi AS a_vi, a.name_en AS a_en
       FROM procedures p
       JOIN catalog_fields f ON f.code = p.field_code
       JOIN catalog_agencies a ON a.code = p.agency_code
       WHERE p.code = ?`,
    )
    .get(code) as { data: string; f_vi: string; f_en: string; a_vi: string; a_en: string } | undefined;
  if (!row) return undefined;
  // The row is the truth, but it is re-validated so a damaged row fails loudly, not in the UI.
  const procedure = ProcedureSchema.parse(JSON.parse(row.data));
  return { ...procedure, fieldName: { vi: row.f_vi, en: row.f_en }, agencyName: { vi: row.a_vi, en: row.a_en } };
}
