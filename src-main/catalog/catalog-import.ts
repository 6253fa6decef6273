import { CatalogDocumentSchema, type CatalogDocument } from '../../src-shared/catalog';
import { toStoredText } from '../../src-shared/text';

export class CatalogImportError extends Error {}

/**
 * Validates a whole catalog document. The message names the procedure (by code, or by position
 * when the code itself is bad) and the field that is wrong.
 */
export function parseCatalog(raw: unknown): CatalogDocument {
  const result = CatalogDocumentSchema.safeParse(normalizeStrings(raw));
  if (!result.success) {
    const lines = result.error.issues.slice(0, 10).map((issue) => `  ${describePath(raw, issue.path)}: ${issue.message}`);
    throw new CatalogImportError(`The catalog is invalid; nothing was changed:\n${lines.join('\n')}`);
  }
  const doc = result.data;
  const problems: string[] = [];
  const fields = new Set(doc.fields.map((f) => f.code));
  const agencies = new Set(doc.agencies.map((a) => a.code));
  const seen = new Set<string>();
  for (const p of doc.procedures) {
    if (seen.has(p.code)) problems.push(`procedure ${p.code}: code appears twice`);
    seen.add(p.code);
    if (!fields.has(p.fieldCode)) problems.push(`procedure ${p.code}, fieldCode: unknown field "${p.fieldCode}"`);
    if (!agencies.has(p.agencyCode)) problems.push(`procedure ${p.code}, agencyCode: unknown agency "${p.agencyCode}"`);
    const docIds = new Set<string>();
    for (const d of p.documents) {
      if (docIds.has(d.id)) problems.push(`procedure ${p.code}, documents: id "${d.id}" appears twice`);
      docIds.add(d.id);
    }
    for (const f of p.formFields) {
      if (f.pattern !== undefined && !isValidRegex(f.pattern)) problems.push(`procedure ${p.code}, formFields.${f.id}.pattern: not a valid pattern`);
    }
  }
  if (problems.length) {
    throw new CatalogImportError(`The catalog is invalid; nothing was changed:\n${problems.slice(0, 10).map((p) => `  ${p}`).join('\n')}`);
  }
  return doc;
}

function normalizeStrings(value: unknown): unknown {
  if (typeof value === 'string') return toStoredText(value);
  if (Array.isArray(value)) return value.map(normalizeStrings);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeStrings(v)]));
  }
  return value;
}

function describePath(raw: unknown, path: readonly PropertyKey[]): string {
  if (path[0] === 'procedures' && typeof path[1] === 'number') {
    const procedures = (raw as { procedures?: unknown[] }).procedures;
    const code = (procedures?.[path[1]] as { code?: unknown } | undefined)?.code;
    const name = typeof code === 'string' && code ? `procedure ${code}` : `procedure #${path[1] + 1}`;
    const rest = path.slice(2).map(String).join('.');
    return rest ? `${name}, ${rest}` : name;
  }
  return path.length ? path.map(String).join('.') : '(document)';
}

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}
