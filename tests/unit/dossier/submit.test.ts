import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KioskError } from '../../../src-main/kernel/kiosk-error';
import { sha256Hex } from '../../../src-main/dossier/content-store';
import * as repo from '../../../src-main/dossier/dossier-repository';
import { getJobByKey } from '../../../src-main/outbox/outbox-repository';
import { parseReceiptQr } from '../../../src-main/scan/receipt-qr';
import { inkOf } from './png-read';
import { useTempDirs } from '../../fakes/temp-dir';
import { dossierFixture, LAND, landDraft, pagePng } from './fixture';

const ARTIFACTS = join(import.meta.dirname, '../../artifacts/dossier');
const tempDir = useTempDirs();

function stageThree(f: ReturnType<typeof dossierFixture>, tag = '') {
  const { sessionId } = f.service.begin(LAND);
  const ids = ['1', '2', '3'].map((n) => [f.service.stagePage(sessionId, pagePng(`Trang ${n}${tag}`)).pageId]);
  return { sessionId, ids };
}


describe('durable submit', () => {
  for (const language of ['vi', 'en'] as const) {
    it(`writes the dossier, its pages, status, audit and outbox job, and prints the receipt and A5 PDF (${language})`, async () => {
      const dir = tempDir();
      const f = dossierFixture(dir);
      const { sessionId, ids } = stageThree(f);
      const outcome = await f.service.submit(landDraft(sessionId, ids, language));

      expect(outcome.receipt.code).toBe('TAM-KIOSK-01-261123-0001');
      expect(outcome.receipt.provisional).toBe(true);
      // The printed QR reads back as this dossier's code.
      expect(parseReceiptQr(outcome.receipt.qrText, '2026-11-23')).toMatchObject({ ok: true, code: outcome.receipt.code });
      // Monday 09:15 + 10 working days (no holiday in between) = Monday 7 Dec, 16:00 local.
      expect(outcome.receipt.appointmentAtText).toBe('16:00 07/12/2026');
      expect(outcome.printed).toBe(true);
      expect(outcome.pdfSaved).toBe(true);

      const row = repo.getDossier(f.db, sessionId);
      expect(row?.phone).toBe('0912345678');
      expect(row?.postal_address).toContain('Đội Cấn');
      const pages = repo.listPages(f.db, sessionId);
      expect(pages).toHaveLength(3);
      for (const p of pages) {
        const bytes = readFileSync(join(dir, 'files', 'objects', p.sha256.slice(0, 2), p.sha256));
        expect(sha256Hex(bytes)).toBe(p.sha256);
      }
      expect(repo.listDocuments(f.db, sessionId).map((d) => d.kind)).toEqual(['scanned', 'paper_at_counter', 'scanned', 'scanned']);
      expect(getJobByKey(f.db, sessionId)).toMatchObject({ kind: 'submit-dossier', state: 'pending', subject_id: sessionId });
      expect(repo.statusHistory(f.db, sessionId).map((s) => s.status)).toEqual([1]);
      expect(f.db.prepare(`SELECT action FROM audit_log`).pluck().all()).toContain('dossier.submit');
      // Staged files are gone: the session is over.
      expect(existsSync(join(dir, 'files', 'staging', sessionId))).toBe(false);

      mkdirSync(ARTIFACTS, { recursive: true });
      const png = f.printer.lastPrint()?.pngFiles[0];
      expect(png).toBeDefined();
      const printed = await inkOf(readFileSync(png ?? ''));
      expect(printed.width).toBe(576);
      expect(printed.height).toBeGreaterThan(1200); // a long receipt, not a ticket
      expect(printed.dark).toBeGreaterThan(0.03);
      copyFileSync(png ?? '', join(ARTIFACTS, `receipt-${language}.png`));

      const pdf = await f.service.pdf(sessionId, language);
      expect(readFileSync(pdf.path).subarray(0, 5).toString()).toBe('%PDF-');
      const out = join(dir, `receipt-${language}`);
      execFileSync('pdftoppm', ['-png', '-r', '100', '-f', '1', '-l', '1', '-singlefile', pdf.path, out]);
      const page = await inkOf(readFileSync(`${out}.png`));
      // A5 at 100 dpi is 583 × 827 pixels.
      expect(Math.abs(page.width - 583)).toBeLessThan(3);
      expect(Math.abs(page.height - 827)).toBeLessThan(3);
      expect(page.dark).toBeGreaterThan(0.02);
      copyFileSync(`${out}.png`, join(ARTIFACTS, `receipt-a5-${language}.png`));
      copyFileSync(pdf.path, join(ARTIFACTS, `receipt-${language}.pdf`));
      const text = execFileSync('pdftotext', [pdf.path, '-']).toString();
      expect(text).toContain('TAM-KIOSK-01-261123-0001');
      expect(text).toContain(language === 'vi' ? 'PHIẾU TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ' : 'DOSSIER RECEIPT AND APPOINTMENT SLIP');
      expect(text).toContain('Nguyễn Thị Thu Hương');
    });
  }

  it('numbers provisional codes per terminal and day, and uses a reserved official code when one is free', async () => {
    const f = dossierFixture(tempDir());
    const a = stageThree(f, 'a');
    expect((await f.service.submit(landDraft(a.sessionId, a.ids))).receipt.code).toBe('TAM-KIOSK-01-261123-0001');
    repo.reserveOfficialCodes(f.db, [{ code: '000.00.31.H29-261123-0042', agencyCode: '000.00.31.H29', day: '2026-11-23' }], 'x');
    const b = stageThree(f, 'b');
    const second = await f.service.submit(landDraft(b.sessionId, b.ids));
    expect(second.receipt).toMatchObject({ code: '000.00.31.H29-261123-0042', provisional: false });
    const c = stageThree(f, 'c');
    expect((await f.service.submit(landDraft(c.sessionId, c.ids))).receipt.code).toBe('TAM-KIOSK-01-261123-0002');
    f.clock.advance(86_400_000);
    const d = stageThree(f, 'd');
    expect((await f.service.submit(landDraft(d.sessionId, d.ids))).receipt.code).toBe('TAM-KIOSK-01-261124-0001');
  });

  it('submitting the same session twice returns the first dossier and writes nothing more', async () => {
    const f = dossierFixture(tempDir());
    const { sessionId, ids } = stageThree(f);
    const first = await f.service.submit(landDraft(sessionId, ids));
    const again = await f.service.submit(landDraft(sessionId, ids));
    expect(again.receipt.code).toBe(first.receipt.code);
    expect(f.db.prepare(`SELECT count(*) FROM dossiers`).pluck().get()).toBe(1);
    expect(f.db.prepare(`SELECT count(*) FROM outbox_jobs`).pluck().get()).toBe(1);
  });

  it('refuses a draft missing a mandatory document with a plain message and writes nothing', async () => {
    const f = dossierFixture(tempDir());
    const { sessionId, ids } = stageThree(f);
    const draft = landDraft(sessionId, ids, 'vi');
    draft.documents = draft.documents.filter((d) => d.documentId !== 'hop-dong-chuyen-quyen');
    const error = await f.service.submit(draft).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KioskError);
    expect((error as KioskError).code).toBe('invalid_request');
    expect((error as KioskError).message).toContain('Còn thiếu giấy tờ bắt buộc: Hợp đồng');
    expect(f.db.prepare(`SELECT count(*) FROM dossiers`).pluck().get()).toBe(0);
    // The session is still open: the citizen can add the document and submit.
    expect(f.service.validate(landDraft(sessionId, ids))).toEqual([]);
  });

  it('keeps the dossier when the printer fails, and says how to get the receipt again', async () => {
    const f = dossierFixture(tempDir());
    f.printer.setState('paper-out');
    const { sessionId, ids } = stageThree(f);
    const outcome = await f.service.submit(landDraft(sessionId, ids, 'en'));
    expect(outcome.printed).toBe(false);
    expect(outcome.printError?.en).toMatch(/submitted.*Print again/);
    expect(outcome.printError?.vi).toMatch(/đã được nộp thành công/);
    expect(repo.getDossier(f.db, sessionId)).toBeDefined();
    f.printer.setState('ok');
    expect((await f.service.print(sessionId, 'vi')).printed).toBe(true);
  });

  it('cancelling a session removes its staged pages', () => {
    const dir = tempDir();
    const f = dossierFixture(dir);
    const { sessionId } = stageThree(f);
    expect(existsSync(join(dir, 'files', 'staging', sessionId))).toBe(true);
    expect(f.service.cancel(sessionId)).toEqual({ cancelled: true });
    expect(existsSync(join(dir, 'files', 'staging', sessionId))).toBe(false);
    expect(() => f.service.stagePage(sessionId, pagePng('x'), 'en')).toThrow(/session has ended/);
  });

  it('refuses a file that is not a scan', () => {
    const f = dossierFixture(tempDir());
    const { sessionId } = f.service.begin(LAND);
    expect(() => f.service.stagePage(sessionId, new TextEncoder().encode('<html>'), 'vi')).toThrow(/không phải là ảnh/);
  });
});

describe('lookup', () => {
  it('finds a dossier by either code with the last 4 ID digits, and slows down repeated failures', async () => {
    const f = dossierFixture(tempDir(), { config: { dossier: { lookupFreeFailures: 2 } } });
    const { sessionId, ids } = stageThree(f);
    const { receipt } = await f.service.submit(landDraft(sessionId, ids));
    expect(f.service.lookup(' tam-kiosk-01-261123-0001 ', '2345')).toMatchObject({ provisional: true, status: { status: 1 } });
    repo.linkOfficialCode(f.db, sessionId, '000.00.31.H29-261123-0007');
    expect(f.service.lookup(receipt.code, '2345').code).toBe('000.00.31.H29-261123-0007');
    expect(f.service.lookup('000.00.31.H29-261123-0007', '2345').provisional).toBe(false);

    expect(() => f.service.lookup(receipt.code, '9999', 'en')).toThrow(/No dossier matches/);
    expect(() => f.service.lookup('TAM-X-000000-0000', '2345', 'en')).toThrow(/No dossier matches/);
    expect(() => f.service.lookup(receipt.code, '2345', 'en')).toThrow(/wait 2 seconds/);
    f.clock.advance(2000);
    expect(f.service.lookup(receipt.code, '2345').history).toHaveLength(1);
  });
});
