import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/open-database';
import type { SubmitOutcome } from '../../src-shared/dossier';
import type { Reply } from '../../src-shared/errors';
import type { StaffAlert } from '../../src-shared/staff';
import type { TicketDto } from '../../src-shared/dto';
import { landDraft, pagePng } from '../unit/dossier/fixture';
import { TEST_IT_PIN } from '../fakes/staff-session';
import { startCoreProcess, type CoreProcess } from './core-process';

const running: CoreProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) await p.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** RLIMIT_FSIZE 0 on the running core: every write that would grow a file fails (EFBIG), as on a full disk. */
const fillDisk = (pid: number) => execFileSync('prlimit', ['--pid', String(pid), '--fsize=0:unlimited']);
const freeDisk = (pid: number) => execFileSync('prlimit', ['--pid', String(pid), '--fsize=unlimited']);

const errorOf = (reply: Reply<unknown>) => (reply.ok ? { code: 'none', message: 'succeeded' } : reply.error);

describe('a really full disk under a running kiosk core (real SQLite file, prlimit --fsize)', () => {
  it('a ticket and a dossier submit get plain words and write nothing half; once there is room the same draft goes in and numbers go on', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-full-disk-'));
    dirs.push(dataDir);
    const kiosk = await startCoreProcess(dataDir);
    running.push(kiosk);
    const value = async <T>(method: string, request: unknown): Promise<T> => {
      const reply = await kiosk.call<T>(method, request);
      if (!reply.ok) throw new Error(`${method}: ${reply.error.code}: ${reply.error.message}`);
      return reply.value;
    };
    // IT sets the terminal up while there is room; staff log in later, on the full disk too.
    await value('setupFirstItPin', { pin: TEST_IT_PIN });
    const staffAlerts = async () => {
      const { session } = await value<{ session: string }>('loginStaff', { pin: TEST_IT_PIN });
      return value<StaffAlert[]>('listStaffAlerts', { session });
    };
    const first = await value<TicketDto>('takeTicket', { serviceId: 'ho-tich', priority: 'none', language: 'vi' });
    const { sessionId } = await value<{ sessionId: string }>('beginDossier', { procedureCode: '1.013831' });
    const pages: string[][] = [];
    for (const label of ['p1', 'p2', 'p3']) {
      const staged = await value<{ pageId: string }>('stageScannedPage', { sessionId, mediaType: 'image/png', dataBase64: Buffer.from(pagePng(label)).toString('base64') });
      pages.push([staged.pageId]);
    }
    const draft = landDraft(sessionId, pages, 'vi');

    fillDisk(kiosk.pid);
    const ticket = errorOf(await kiosk.call('takeTicket', { serviceId: 'ho-tich', priority: 'none', language: 'vi' }));
    expect(ticket).toEqual({ code: 'store_unavailable', message: expect.stringMatching(/Bộ nhớ của ki-ốt đã đầy/) });
    const ticketEn = errorOf(await kiosk.call('takeTicket', { serviceId: 'ho-tich', priority: 'none', language: 'en' }));
    expect(ticketEn.message).toMatch(/storage is full/);
    const submit = errorOf(await kiosk.call('submitDossier', { draft }));
    expect(submit).toEqual({ code: 'store_unavailable', message: expect.stringMatching(/Bộ nhớ của ki-ốt đã đầy.*Hồ sơ chưa được nộp/) });
    const page = errorOf(await kiosk.call('stageScannedPage', { sessionId, mediaType: 'image/png', dataBase64: Buffer.from(pagePng('p4')).toString('base64') }));
    // Scanning is refused before anything is written: a probe write is refused too.
    expect(page).toEqual({ code: 'device_unavailable', message: expect.stringMatching(/Bộ nhớ của ki-ốt đã đầy nên tạm thời không quét được/) });
    const alerts = await staffAlerts();
    expect(alerts.find((a) => a.source === 'storage' && a.resolvedAt === null)?.reason).toBe('disk_full');

    // Staff free the disk: the citizen taps "submit" again with the draft the screen kept.
    freeDisk(kiosk.pid);
    const outcome = await value<SubmitOutcome>('submitDossier', { draft });
    expect(outcome.receipt.dossierId).toBe(sessionId);
    expect(outcome.printed).toBe(true);
    const second = await value<TicketDto>('takeTicket', { serviceId: 'ho-tich', priority: 'none', language: 'vi' });
    // The next look (here: before a scan) finds the disk taking writes again and resolves the alert.
    await value('stageScannedPage', { sessionId: (await value<{ sessionId: string }>('beginDossier', { procedureCode: '1.013831' })).sessionId, mediaType: 'image/png', dataBase64: Buffer.from(pagePng('p5')).toString('base64') });
    const after = await staffAlerts();
    expect(after.find((a) => a.source === 'storage')?.resolvedAt).toEqual(expect.any(String));
    // The refused tickets took no number.
    expect([first.display, second.display]).toEqual(['B001', 'B002']);
    await kiosk.stop();
    running.splice(0);

    const db = openDatabase(join(dataDir, 'kiosk.sqlite3'));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare(`SELECT display FROM tickets ORDER BY number`).pluck().all()).toEqual(['B001', 'B002']);
      expect(db.prepare(`SELECT id FROM dossiers`).pluck().all()).toEqual([sessionId]);
      expect(db.prepare(`SELECT count(*) FROM dossier_files WHERE dossier_id = ?`).pluck().get(sessionId)).toBe(3);
      expect(db.prepare(`SELECT count(*) FROM outbox_jobs WHERE idempotency_key = ?`).pluck().get(sessionId)).toBe(1);
    } finally {
      db.close();
    }
    // No half-written file left in the content store's temp folder.
    expect(readdirSync(join(dataDir, 'files', 'tmp'))).toEqual([]);
  }, 60_000);
});
