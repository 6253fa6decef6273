import { readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { CatalogInfo, FieldSummary, ProcedureDetail, ProcedureSummary, SearchResult } from '../../src-shared/catalog';
import type { Language } from '../../src-shared/dto';
import type { Clock } from '../kernel/clock';
import type { CatalogServiceConfig } from './catalog-config';
import { KioskError } from '../kernel/kiosk-error';
import type { Logger } from '../kernel/logger';
import type { PrinterPort } from '../devices/printer/printer-port';
import { encodeRasterJob } from '../devices/printer/raster-job';
import { parseCatalog } from './catalog-import';
import { importCatalog } from './catalog-repository';
import * as repo from './catalog-repository';
import { CatalogSearch } from './catalog-search';
import { renderChecklist } from './checklist-layout';

export class CatalogService {
  private readonly searcher: CatalogSearch;

  constructor(
    private readonly db: Database,
    private readonly config: CatalogServiceConfig,
    private readonly printer: PrinterPort,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.searcher = new CatalogSearch(db);
  }

  /** First start: a kiosk with no catalog gets the shipped one (the demo catalog in demo mode). */
  loadInitialCatalog(file: string): void {
    if (repo.getCatalogInfo(this.db).state === 'loaded') return;
    try {
      this.importDocument(JSON.parse(readFileSync(file, 'utf8')));
    } catch (error) {
      // The kiosk still serves tickets; the catalog screens show their empty state.
      this.logger.log('error', 'initial catalog import failed', { file, error: (error as Error).message });
    }
  }

  /** Validates then swaps the whole catalog atomically; a bad document changes nothing. */
  importDocument(raw: unknown): CatalogInfo {
    const doc = parseCatalog(raw);
    importCatalog(this.db, doc, this.clock.now());
    this.searcher.invalidate();
    this.logger.log('info', 'catalog imported', { version: doc.version, procedures: doc.procedures.length });
    return repo.getCatalogInfo(this.db);
  }

  info(): CatalogInfo {
    return repo.getCatalogInfo(this.db);
  }

  fields(): FieldSummary[] {
    return repo.listFields(this.db);
  }

  procedures(fieldCode: string): ProcedureSummary[] {
    return repo.listProcedures(this.db, fieldCode);
  }

  detail(code: string): ProcedureDetail {
    const p = repo.getProcedure(this.db, code);
    if (!p) throw new KioskError('not_found', `No procedure with code ${code.slice(0, 40)}`);
    return p;
  }

  search(query: string): SearchResult {
    return this.searcher.search(query);
  }

  async printChecklist(code: string, language: Language): Promise<{ printed: boolean; printError: string | null }> {
    const p = this.detail(code);
    const url = p.portalUrl ?? this.config.catalog.procedureUrlTemplate.replace('{code}', encodeURIComponent(p.code));
    try {
      const bitmap = renderChecklist(p, language, url, this.config.printer.footer, this.printer.paperWidthDots);
      await this.printer.send(encodeRasterJob(bitmap));
      return { printed: true, printError: null };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.log('warn', 'checklist print failed', { code, error: message });
      return { printed: false, printError: message };
    }
  }
}
