import type { Database } from 'better-sqlite3';
import type { Procedure } from '../../src-shared/catalog';
import {
  dossierStatusLabels,
  type DossierDraft,
  type DraftProblem,
  type LookupResult,
  type Receipt,
  type StagedPage,
  type SubmitOutcome,
} from '../../src-shared/dossier';
import { assertNever } from '../../src-shared/assert-never';
import type { Language } from '../../src-shared/dto';
import { formatLocalDateTime } from '../../src-shared/format';
import type { Clock } from '../kernel/clock';
import type { DossierServiceConfig } from './dossier-config';
import { KioskError } from '../kernel/kiosk-error';
import { isStorageWriteFailure } from '../storage/storage-failure';
import type { Logger } from '../kernel/logger';
import { getProcedure } from '../catalog/catalog-repository';
import type { PrinterPort } from '../devices/printer/printer-port';
import { encodeRasterJob } from '../devices/printer/raster-job';
import { renderReceipt } from '../devices/printer/receipt-layout';
import { StorageFullError, type ContentStore, type StoreFs } from './content-store';
import { normalizeCodeInput } from './dossier-code';
import * as repo from './dossier-repository';
import { PageGoneError, submitDurably } from './dossier-submit';
import { validateDraft } from './draft-validation';
import { wallClock, zonedInstant } from './local-time';
import { LookupThrottle } from './lookup-throttle';
import { StageError, type PageStaging } from './page-staging';
import { buildReceipt, receiptPrintData } from './receipt-model';
import { renderReceiptPdf } from './receipt-pdf';
import { printFailedMessage } from './receipt-texts';
import { appointmentDay } from './working-days';

const MSG = {
  storageFull: {
    vi: 'Bộ nhớ của ki-ốt đã đầy nên chưa lưu được. Hồ sơ chưa được nộp và không có gì bị mất. Vui lòng báo cán bộ hỗ trợ.',
    en: 'The kiosk’s storage is full, so nothing could be saved. The dossier was not submitted and nothing was lost. Please ask the staff.',
  },
  sessionGone: {
    vi: 'Phiên nộp hồ sơ đã hết hạn. Vui lòng bắt đầu lại.',
    en: 'This submission session has ended. Please start again.',
  },
  notAnImage: {
    vi: 'Tệp vừa quét không phải là ảnh hoặc PDF. Vui lòng quét lại trang này.',
    en: 'The scanned file is not an image or a PDF. Please scan this page again.',
  },
  tooLarge: { vi: 'Trang quét quá lớn. Vui lòng quét lại ở độ phân giải thấp hơn.', en: 'The scanned page is too large. Please scan it again at a lower resolution.' },
  tooManyPages: { vi: 'Hồ sơ đã có quá nhiều trang quét.', en: 'This dossier already has too many scanned pages.' },
  lookupFailed: {
    vi: 'Không tìm thấy hồ sơ với mã và 4 số cuối giấy tờ tùy thân này. Vui lòng kiểm tra lại mã trên phiếu hẹn.',
    en: 'No dossier matches this code and these last 4 ID digits. Please check the code on your receipt.',
  },
  lookupWait: (s: number) => ({
    vi: `Bạn đã nhập sai nhiều lần. Vui lòng đợi ${s} giây rồi thử lại.`,
    en: `Too many wrong tries. Please wait ${s} seconds and try again.`,
  }),
} as const;

const say = (m: { vi: string; en: string }, language: Language) => m[language];

/** Submitting dossiers: staging scanned pages, validation, the durable submit, receipts, lookups. */
export class DossierService {
  private readonly throttle: LookupThrottle;

  constructor(
    private readonly db: Database,
    private readonly config: DossierServiceConfig,
    private readonly store: ContentStore,
    private readonly staging: PageStaging,
    private readonly fs: StoreFs,
    private readonly printer: PrinterPort,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.throttle = new LookupThrottle(clock, config.dossier.lookupFreeFailures, config.dossier.lookupMaxWaitSeconds);
  }

  /** At start: removes leftover temp files, abandoned staging and files no row points at. */
  sweep(): { orphans: number; temps: number; sessions: number } {
    const sessions = this.staging.sweep();
    const referenced = repo.referencedFiles(this.db);
    const { orphans, temps } = this.store.sweep((sha) => referenced.has(sha));
    if (orphans + temps + sessions > 0) this.logger.log('info', 'dossier store swept', { orphans, temps, sessions });
    return { orphans, temps, sessions };
  }

  /** For the privacy purge: scan sessions nobody touched for `idleMs` lose their staged pages. */
  sweepAbandonedSessions(idleMs: number): number {
    return this.staging.sweepAbandoned(idleMs);
  }

  begin(procedureCode: string): { sessionId: string } {
    this.procedure(procedureCode);
    return { sessionId: this.staging.begin(procedureCode) };
  }

  stagePage(sessionId: string, bytes: Uint8Array, language: Language = this.config.language): StagedPage {
    try {
      return this.staging.stage(sessionId, bytes);
    } catch (error) {
      if (error instanceof StorageFullError) throw new KioskError('store_unavailable', say(MSG.storageFull, language), { cause: error });
      if (!(error instanceof StageError)) throw error;
      switch (error.problem) {
        case 'unknown_session':
          throw new KioskError('not_found', say(MSG.sessionGone, language));
        case 'not_an_image':
          throw new KioskError('invalid_request', say(MSG.notAnImage, language));
        case 'too_large':
          throw new KioskError('invalid_request', say(MSG.tooLarge, language));
        case 'too_many_pages':
          throw new KioskError('invalid_request', say(MSG.tooManyPages, language));
        default:
          return assertNever(error.problem);
      }
    }
  }

  discardPage(sessionId: string, pageId: string): { removed: boolean } {
    return { removed: this.staging.discardPage(sessionId, pageId) };
  }

  cancel(sessionId: string): { cancelled: boolean } {
    const known = this.staging.hasSession(sessionId);
    this.staging.end(sessionId);
    return { cancelled: known };
  }

  validate(draft: DossierDraft): DraftProblem[] {
    const procedure = this.procedure(draft.procedureCode);
    const today = wallClock(this.clock.now(), this.config.center.timeZone).day;
    return validateDraft(draft, procedure, today, (id) => this.staging.page(draft.sessionId, id) !== undefined).problems;
  }

  async submit(draft: DossierDraft): Promise<SubmitOutcome> {
    const language = draft.language;
    if (repo.getDossier(this.db, draft.sessionId)) return this.afterSubmit(draft.sessionId, language);
    if (!this.staging.hasSession(draft.sessionId)) throw new KioskError('not_found', say(MSG.sessionGone, language));
    const procedure = this.procedure(draft.procedureCode);
    const receivedAt = this.clock.now();
    const { timeZone } = this.config.center;
    const local = wallClock(receivedAt, timeZone);
    const { problems, clean } = validateDraft(draft, procedure, local.day, (id) => this.staging.page(draft.sessionId, id) !== undefined);
    if (problems.length > 0) {
      throw new KioskError('invalid_request', problems.slice(0, 3).map((p) => p.message[language]).join(' '));
    }
    const { cutoffTime, returnTime } = this.config.dossier;
    const day = appointmentDay(local.day, local.time, procedure.processingDays, { holidays: new Set(this.config.holidays), cutoffTime, returnTime });
    try {
      submitDurably(
        { db: this.db, store: this.store, staging: this.staging, fs: this.fs },
        {
          dossierId: draft.sessionId,
          draft,
          clean,
          procedure,
          terminalId: this.config.terminal.id,
          receivedAt,
          receivedDay: local.day,
          appointmentAt: zonedInstant(day, returnTime, timeZone),
        },
      );
    } catch (error) {
      if (error instanceof StorageFullError || isStorageWriteFailure(error)) {
        this.logger.log('error', 'dossier submit: storage full', { error: (error as Error).message });
        throw new KioskError('store_unavailable', say(MSG.storageFull, language), { cause: error });
      }
      if (error instanceof PageGoneError) throw new KioskError('invalid_request', say(MSG.sessionGone, language));
      throw error;
    }
    this.logger.log('info', 'dossier submitted', { id: draft.sessionId, procedure: procedure.code });
    return this.afterSubmit(draft.sessionId, language);
  }

  receipt(dossierId: string): Receipt {
    const row = repo.getDossier(this.db, dossierId);
    if (!row) throw new KioskError('not_found', 'No such dossier');
    return buildReceipt(this.db, row, this.config.center.name, this.config.center.timeZone);
  }

  /** Prints the thermal receipt; a failure is reported, never thrown: the dossier stands. */
  async print(dossierId: string, language: Language): Promise<Pick<SubmitOutcome, 'printed' | 'printError'>> {
    const receipt = this.receipt(dossierId);
    try {
      const bitmap = renderReceipt(receiptPrintData(receipt, language, this.config.printer.footer), this.printer.paperWidthDots);
      await this.printer.send(encodeRasterJob(bitmap));
      return { printed: true, printError: null };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.log('warn', 'receipt print failed', { id: dossierId, error: message });
      return { printed: false, printError: printFailedMessage(message) };
    }
  }

  /** The A5 PDF of the receipt, rendered once per language and kept with the dossier. */
  async pdf(dossierId: string, language: Language): Promise<{ sha256: string; path: string }> {
    const existing = repo.getReceiptFile(this.db, dossierId, language);
    if (existing && this.store.has(existing)) return { sha256: existing, path: this.store.absolutePath(existing) };
    // After the purge the receipt is not made again: it would carry what was erased.
    const row = repo.getDossier(this.db, dossierId);
    if (row && repo.personalDataErased(row)) throw new KioskError('not_found', 'The receipt of this dossier was erased from the kiosk');
    const bytes = await renderReceiptPdf(this.receipt(dossierId), language);
    const file = this.store.put(bytes);
    this.db.transaction(() => {
      repo.insertFile(this.db, file, 'application/pdf', this.clock.now().toISOString());
      repo.setReceiptFile(this.db, dossierId, language, file.sha256);
    }).immediate();
    return { sha256: file.sha256, path: this.store.absolutePath(file.sha256) };
  }

  /**
   * `statusFromPortal`: whether the portal answered for this dossier just before. A dossier whose
   * personal data was erased (decision 0022) is still found: the last 4 ID digits are kept for
   * this check; the answer says so, and whether its status is the portal's or the last one known.
   */
  lookup(code: string, idLast4: string, language: Language = this.config.language, statusFromPortal = false): LookupResult {
    const wait = this.throttle.waitSeconds();
    if (wait > 0) throw new KioskError('forbidden', say(MSG.lookupWait(wait), language));
    const row = repo.findDossierByCode(this.db, normalizeCodeInput(code));
    const now = this.clock.now().toISOString();
    // The same answer for an unknown code and a wrong ID: a code alone reveals nothing.
    if (!row || !row.applicant_id_number.endsWith(idLast4)) {
      this.throttle.failed();
      repo.addAudit(this.db, { at: now, actor: `citizen@${this.config.terminal.id}`, action: 'dossier.lookup_failed', subject: normalizeCodeInput(code).slice(0, 64) });
      throw new KioskError('not_found', say(MSG.lookupFailed, language));
    }
    this.throttle.succeeded();
    repo.addAudit(this.db, { at: now, actor: `citizen@${this.config.terminal.id}`, action: 'dossier.lookup', subject: row.id });
    const tz = this.config.center.timeZone;
    const entry = (s: repo.StatusRow) => ({
      status: s.status,
      label: dossierStatusLabels[s.status] ?? { vi: String(s.status), en: String(s.status) },
      at: s.at,
      atText: formatLocalDateTime(new Date(s.at), tz),
    });
    const history = repo.statusHistory(this.db, row.id).map(entry);
    return {
      code: row.official_code ?? row.provisional_code ?? '',
      provisional: row.official_code === null,
      procedureName: { vi: row.procedure_name_vi, en: row.procedure_name_en },
      receivedAtText: formatLocalDateTime(new Date(row.received_at), tz),
      appointmentAtText: formatLocalDateTime(new Date(row.appointment_at), tz),
      status: history.at(-1) ?? entry({ status: row.status, at: row.received_at, note: null }),
      history,
      personalDataErased: repo.personalDataErased(row),
      statusSource: statusFromPortal ? 'portal' : 'kiosk',
    };
  }

  private async afterSubmit(dossierId: string, language: Language): Promise<SubmitOutcome> {
    const printed = await this.print(dossierId, language);
    let pdfSaved = true;
    try {
      await this.pdf(dossierId, language);
    } catch (error) {
      // The dossier stands; the PDF is made again on the next getReceipt.
      pdfSaved = false;
      this.logger.log('warn', 'receipt pdf failed', { id: dossierId, error: (error as Error).message });
    }
    return { receipt: this.receipt(dossierId), ...printed, pdfSaved };
  }

  private procedure(code: string): Procedure {
    const p = getProcedure(this.db, code);
    if (!p) throw new KioskError('not_found', `No procedure with code ${code.slice(0, 40)}`);
    return p;
  }
}
