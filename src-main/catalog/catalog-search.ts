import type { Database } from 'better-sqlite3';
import type { ProcedureSummary, SearchResult } from '../../src-shared/catalog';
import { foldVietnamese } from '../../src-shared/text';
import { rowToSummary, searchStatements, searchVocabulary, type SummaryRow } from './catalog-repository';
import { withinOneEdit } from './within-one-edit';

const MAX_QUERY_CHARS = 200;
const MAX_TOKENS = 8;
const CODE_PATTERN = /^[12]\.\d{6}(\.[0-9A-Z.]+)?$/i;
/** Typos are tolerated only in words long enough for one edit not to change the word entirely. */
const MIN_TYPO_TOKEN = 3;

/**
 * Procedure search as the citizen types, in tiers: an exact code; names starting with the query;
 * names containing every word; then the field's name. Within a tier, names come alphabetically:
 * rows are stored in folded-name order, so each tier reads only as many rows as it shows (no
 * scoring of thousands of matches for a one-letter query). When nothing matches, each unknown
 * word may be one edit away from a word of the catalog.
 */
export class CatalogSearch {
  private vocabulary: string[] | null = null;
  private readonly statements: ReturnType<typeof searchStatements>;

  constructor(private readonly db: Database) {
    this.statements = searchStatements(db);
  }

  /** Call after the catalog changed. */
  invalidate(): void {
    this.vocabulary = null;
  }

  search(rawQuery: string, limit = 30): SearchResult {
    const trimmed = rawQuery.slice(0, MAX_QUERY_CHARS).normalize('NFC').trim();
    if (CODE_PATTERN.test(trimmed)) {
      // Codes are stored upper case; an exact, binary comparison uses the unique index.
      const row = this.statements.byCode.get(trimmed.toUpperCase()) as SummaryRow | undefined;
      if (row) return { match: 'exact-code', results: [rowToSummary(row)] };
    }
    if (/^[12]\.[\d.]*$/.test(trimmed)) {
      const rows = this.statements.byCodePrefix.all(trimmed, `${trimmed}\u{10FFFF}`, limit) as SummaryRow[];
      if (rows.length) return { match: 'text', results: rows.map(rowToSummary) };
    }
    const folded = foldVietnamese(trimmed);
    const tokens = folded
      .split(' ')
      .map((t) => t.replace(/[^\p{L}\p{N}.]/gu, ''))
      .filter(Boolean)
      .slice(0, MAX_TOKENS);
    if (tokens.length === 0) return { match: 'none', results: [] };

    const exact = this.tiers(tokens.map((t) => [t]), tokens.join(' '), limit);
    if (exact.length) return { match: 'text', results: exact };

    const corrected = tokens.map((t, i) => this.alternatives(t, i === tokens.length - 1));
    if (corrected.some((alts) => alts.length === 0)) return { match: 'none', results: [] };
    // Fetch more than shown, then put names whose leading words are the corrected words first.
    const candidates = this.tiers(corrected, null, limit * 2);
    const leading = (p: ProcedureSummary) => {
      const words = foldVietnamese(p.name.vi).split(' ');
      let n = 0;
      while (n < corrected.length && corrected[n]!.some((alt) => words[n]?.startsWith(alt))) n++;
      return n;
    };
    const results = candidates
      .map((p, i) => ({ p, i, lead: leading(p) }))
      .sort((a, b) => b.lead - a.lead || a.i - b.i)
      .slice(0, limit)
      .map((x) => x.p);
    return { match: results.length ? 'corrected' : 'none', results };
  }

  /** Each inner list is one word's alternatives (OR); the words are ANDed. */
  private tiers(words: string[][], namePrefix: string | null, limit: number): ProcedureSummary[] {
    const out = new Map<string, ProcedureSummary>();
    const add = (rows: SummaryRow[]) => {
      for (const r of rows) if (out.size < limit && !out.has(r.code)) out.set(r.code, rowToSummary(r));
    };
    if (namePrefix) add(this.statements.byNamePrefix.all(namePrefix, `${namePrefix}\u{10FFFF}`, limit) as SummaryRow[]);
    // Words the citizen has finished must match whole; the one being typed matches as a prefix.
    const phrase = (w: string, last: boolean) => `"${w.replace(/"/g, '')}"${last ? '*' : ''}`;
    const groups = words.map((alts, i) => {
      const last = i === words.length - 1;
      return alts.length === 1 ? phrase(alts[0]!, last) : `(${alts.map((w) => phrase(w, last)).join(' OR ')})`;
    });
    const query = groups.join(' AND ');
    // A little more than needed, since rows already shown are skipped.
    if (out.size < limit) add(this.statements.byMatch.all(`name_folded : (${query})`, limit + out.size) as SummaryRow[]);
    if (out.size < limit) add(this.statements.byMatch.all(query, limit + out.size) as SummaryRow[]);
    return [...out.values()];
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
    this.vocabulary ??= searchVocabulary(this.db);
    return this.vocabulary;
  }
}
