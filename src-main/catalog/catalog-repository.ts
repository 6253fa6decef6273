import type { Database, Statement } from 'better-sqlite3';
import {
  ProcedureSchema,
  type CatalogInfo,
  type FieldSummary,
  type ProcedureDetail,
  type CatalogDocument,
  type ProcedureSummary,
} from '../../src-shared/catalog';
import { foldVietnamese } from '../../src-shared/text';
import type { LocalizedText } from '../../src-shared/dto';

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

/** The agencies whose procedures the kiosk offers (each numbers its dossiers with its own codes). */
export function offeredAgencyCodes(db: Database): string[] {
  return (db.prepare(`SELECT DISTINCT agency_code FROM procedures ORDER BY agency_code`).all() as { agency_code: string }[]).map(
    (r) => r.agency_code,
  );
}

/** An agency's name by code; the code itself when the catalog no longer has it. */
export function agencyName(db: Database, code: string): LocalizedText {
  const row = db.prepare(`SELECT name_vi, name_en FROM catalog_agencies WHERE code = ?`).get(code) as
    | { name_vi: string; name_en: string }
    | undefined;
  return row ? { vi: row.name_vi, en: row.name_en } : { vi: code, en: code };
}

/** Replaces the whole catalog in one transaction: readers see the old one or the new one. */
export function importCatalog(db: Database, doc: CatalogDocument, importedAt: Date): void {
  const fieldNames = new Map(doc.fields.map((f) => [f.code, f.name]));
  db.transaction(() => {
    db.exec(`DELETE FROM procedure_search; DELETE FROM procedures; DELETE FROM catalog_fields; DELETE FROM catalog_agencies; DELETE FROM catalog_meta;`);
    const insertField = db.prepare(`INSERT INTO catalog_fields (code, name_vi, name_en, icon, ord) VALUES (?, ?, ?, ?, ?)`);
    doc.fields.forEach((f, i) => insertField.run(f.code, f.name.vi, f.name.en, f.icon, i));
    const insertAgency = db.prepare(`INSERT INTO catalog_agencies (code, name_vi, name_en) VALUES (?, ?, ?)`);
    for (const a of doc.agencies) insertAgency.run(a.code, a.name.vi, a.name.en);
    const insertProcedure = db.prepare(
      `INSERT INTO procedures (code, field_code, agency_code, name_vi, name_en, name_folded, level, processing_days, fee_total_vnd, data)
       VALUES (@code, @field, @agency, @vi, @en, @folded, @level, @days, @fee, @data)`,
    );
    const insertSearch = db.prepare(`INSERT INTO procedure_search (rowid, name_folded, field_folded) VALUES (?, ?, ?)`);
    // Rows go in by folded name, so rowid order is alphabetical: search can stop at LIMIT
    // instead of ranking every match.
    const ordered = doc.procedures
      .map((p) => ({ p, folded: foldVietnamese(p.name.vi) }))
      .sort((a, b) => (a.folded < b.folded ? -1 : a.folded > b.folded ? 1 : 0));
    for (const { p, folded } of ordered) {
      const { lastInsertRowid } = insertProcedure.run({
        code: p.code,
        field: p.fieldCode,
        agency: p.agencyCode,
        vi: p.name.vi,
        en: p.name.en,
        folded,
        level: p.level,
        days: p.processingDays,
        fee: p.fees.reduce((sum, f) => sum + f.amountVnd, 0),
        data: JSON.stringify(p),
      });
      const field = fieldNames.get(p.fieldCode);
      insertSearch.run(lastInsertRowid, `${folded} ${foldVietnamese(p.name.en)}`, field ? `${foldVietnamese(field.vi)} ${foldVietnamese(field.en)}` : '');
    }
    db.prepare(`INSERT INTO catalog_meta (id, version, demo, published_at, imported_at) VALUES (1, ?, ?, ?, ?)`).run(
      doc.version,
      doc.demo ? 1 : 0,
      doc.publishedAt,
      importedAt.toISOString(),
    );
  }).immediate();
}

/** The prepared reads of procedure search (catalog-search.ts), by tier. */
export function searchStatements(db: Database): Record<'byCode' | 'byCodePrefix' | 'byNamePrefix' | 'byMatch', Statement> {
  return {
    byCode: db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM procedures p WHERE p.code = ?`),
    byCodePrefix: db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM procedures p WHERE p.code >= ? AND p.code < ? ORDER BY p.code LIMIT ?`),
    byNamePrefix: db.prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM procedures p WHERE p.name_folded >= ? AND p.name_folded < ? ORDER BY p.name_folded LIMIT ?`,
    ),
    byMatch: db.prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM procedure_search s JOIN procedures p ON p.rowid = s.rowid
       WHERE procedure_search MATCH ? ORDER BY s.rowid LIMIT ?`,
    ),
  };
}

/** Every word of the catalog's names (the FTS vocabulary), for typo tolerance. */
export function searchVocabulary(db: Database): string[] {
  return (db.prepare(`SELECT term FROM procedure_search_vocab`).all() as { term: string }[]).map((r) => r.term);
}
