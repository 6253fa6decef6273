import type { Database } from 'better-sqlite3';
import type { ProcedureSummary, SearchResult } from '../../src-shared/catalog';
import { foldVietnamese } from '../../src-shared/text';
import { rowToSummary, SUMMARY_COLUMNS, type SummaryRow } from './catalog-repository';
import { withinOneEdit } from './within-one-edit';

const MAX_QUERY_CHARS = 200;
const MAX_TOKENS = 8;
const CODE_PATTERN = /^[12]\.\d{6}(\.[0-9A-Z.]+)?$/i;
/** Typos are tolerated only in words long enough for one edit not to change the word entirely. */
const MIN_TYPO_TOKEN = 3;

/**
 * Procedure search as the citizen types: an exact code first, then names starting with the
 * query, then names containing every word (as prefixes), then matches on the field's name.
 * When nothing matches, each unknown word may be one edit away from a word of the catalog.
 */
export class CatalogSearch {
  private vocabulary: string[] | null = null;

  constructor(private readonly db: Database) {}

  /** Call after the catalog changed. */
  invalidate(): void {
    this.vocabulary = null;
  }

  search(rawQuery: string, limit = 30): SearchResult {
    const trimmed = rawQuery.slice(0, MAX_QUERY_CHARS).normalize('NFC').trim();
    if (CODE_PATTERN.test(trimmed)) {
      const row = this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM procedures p WHERE p.code = ? COLLATE NOCASE`).get(trimmed) as
        | SummaryRow
        | undefined;
      if (row) return { match: 'exact-code', results: [rowToSummary(row)] };
    }
    if (/^[12]\.[\d.]*$/.test(trimmed)) {
      const rows = this.db
        .prepare(`SELECT ${SUMMARY_COLUMNS} FROM procedures p WHERE p.code LIKE ? ORDER BY p.code LIMIT ?`)
        .all(`${trimmed}%`, limit) as SummaryRow[];
      if (rows.length) return { match: 'text', results: rows.map(rowToSummary) };
    }
    const folded = foldVietnamese(trimmed);
    const tokens = folded
      .split(' ')
      .map((t) => t.replace(/[^\p{L}\p{N}.]/gu, ''))
      .filter(Boolean)
      .slice(0, MAX_TOKENS);
    if (tokens.length === 0) return { match: 'none', results: [] };

    const exact = this.run(tokens.map((t) => [t]), folded, limit);
    if (exact.length) return { match: 'text', results: exact };

    const corrected = tokens.map((t, i) => this.alternatives(t, i === tokens.length - 1));
    if (corrected.some((alts) => alts.length === 0)) return { match: 'none', results: [] };
    const results = this.run(corrected, folded, limit);
    return { match: results.length ? 'corrected' : 'none', results };
  }

  /** Each inner list is one word's alternatives (OR); the words are ANDed. */
  private run(words: string[][], folded: string, limit: number): ProcedureSummary[] {
    // Words the citizen has finished must match whole; the one being typed matches as a prefix.
    const phrase = (w: string, last: boolean) => `"${w.replace(/"/g, '')}"${last ? '*' : ''}`;
    const groups = words.map((alts, i) => {
      const last = i === words.length - 1;
      return alts.length === 1 ? phrase(alts[0]!, last) : `(${alts.map((w) => phrase(w, last)).join(' OR ')})`;
    });
    const rows = this.db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS},
           CASE WHEN p.name_folded LIKE @prefix ESCAPE '\\' THEN 0
                WHEN s.rowid IN (SELECT rowid FROM procedure_search WHERE procedure_search MATCH @nameMatch) THEN 1
                ELSE 2 END AS tier
         FROM procedure_search s JOIN procedures p ON p.rowid = s.rowid
         WHERE procedure_search MATCH @match
         ORDER BY tier, bm25(procedure_search, 10.0, 1.0), p.name_folded
         LIMIT @limit`,
      )
      .all({
        match: groups.join(' AND '),
        nameMatch: `name_folded : (${groups.join(' AND ')})`,
        prefix: `${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
        limit,
      }) as SummaryRow[];
    return rows.map(rowToSummary);
  }

  /**
   * The word itself if the catalog has it (as a prefix, for the word being typed), else the
   * catalog words one edit away from it.
   */
  private alternatives(token: string, last: boolean): string[] {
    const vocabulary = this.loadVocabulary();
    if (vocabulary.some((term) => (last ? term.startsWith(token) : term === token))) return [token];
    if (token.length < MIN_TYPO_TOKEN) return [];
    const found = new Set<string>();
    for (const term of vocabulary) {
      // The word being typed may be unfinished: compare it with the term's prefix of its length too.
      if (withinOneEdit(token, term) || (last && withinOneEdit(token, term.slice(0, token.length)))) found.add(term);
      if (found.size >= 20) break;
    }
    return [...found];
  }

  private loadVocabulary(): string[] {
    this.vocabulary ??= (this.db.prepare(`SELECT term FROM procedure_search_vocab`).all() as { term: string }[]).map((r) => r.term);
    return this.vocabulary;
  }
}
