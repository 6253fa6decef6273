import { randomUUID } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { existsSync, readFileSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as repo from '../../../src-main/dossier/dossier-repository';
import { getJobByKey } from '../../../src-main/outbox/outbox-repository';
import { applyPortalPayment } from '../../../src-main/payment/payment-repository';
import { PaymentService } from '../../../src-main/payment/payment-service';
import { PersonalDataPurge, type PurgeFs } from '../../../src-main/privacy/personal-data-purge';
import { isPurged } from '../../../src-main/dossier/dossier-repository';
import { markDone } from '../../../src-main/outbox/outbox-repository';
import { realWait } from '../../../src-main/outbox/wait';
import { useTempDirs } from '../../fakes/temp-dir';
import { dossierFixture, LAND, landDraft, pagePng } from '../dossier/fixture';

const tempDir = useTempDirs();
const HOUR = 3_600_000;
const NAME = 'Nguyễn Thị Thu Hương';
const ID = '001190012345';

type Fixture = ReturnType<typeof dossierFixture>;

/** Submits a land dossier whose first page is `shared` (same bytes in two dossiers share one file). */
async function submit(f: Fixture, shared: string, tag: string): Promise<{ id: string; shas: string[] }> {
  const { sessionId } = f.service.begin(LAND);
  const ids = [[f.service.stagePage(sessionId, pagePng(shared)).pageId], [f.service.stagePage(sessionId, pagePng(`own ${tag}`)).pageId], []];
  ids[2] = [f.service.stagePage(sessionId, pagePng(`third ${tag}`)).pageId];
  await f.service.submit(landDraft(sessionId, ids));
  const shas = [...repo.listPages(f.db, sessionId).map((p) => p.sha256), repo.getReceiptFile(f.db, sessionId, 'vi') ?? ''];
  return { id: sessionId, shas };
}

/** The portal acknowledged the dossier: its outbox row is done now (the worker's own call). */
function acknowledge(f: Fixture, dossierId: string): void {
  const job = getJobByKey(f.db, dossierId);
  if (!job) throw new Error('no job');
  markDone(f.db, job.id, f.clock.now());
}

function purgeFor(f: Fixture, dir: string, options: { retentionHours?: number; fs?: PurgeFs; receiptScreenMs?: number } = {}) {
  const alerts: { raised: string[]; resolved: number } = { raised: [], resolved: 0 };
  const purge = new PersonalDataPurge({
    db: f.db,
    fileRoot: join(dir, 'files'),
    printsDir: join(dir, 'prints'),
    sweepAbandonedSessions: (ms) => f.service.sweepAbandonedSessions(ms),
    abandonedAfterMs: 10 * 60_000,
    receiptScreenMs: options.receiptScreenMs ?? 0,
    retentionHours: options.retentionHours ?? 24,
    intervalMs: 60_000,
    clock: f.clock,
    fs: options.fs ?? nodeFs,
    logger: f.logger,
    alerts: { raise: (_source, reason, more) => void alerts.raised.push(`${reason}: ${more?.detail ?? ''}`), resolve: () => void alerts.resolved++ },
    wait: realWait,
  });
  return { purge, alerts };
}

const fileOf = (dir: string, sha: string) => join(dir, 'files', 'objects', sha.slice(0, 2), sha);

/** Every byte of the data folder, as one buffer per file. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

describe('personal data purge', () => {
  it('waits for the acknowledgement and the retention, then erases the fields and files and keeps what the audit needs', async () => {
    const dir = tempDir();
    const f = dossierFixture(dir);
    const { id, shas } = await submit(f, 'one', 'a');
    const { purge } = purgeFor(f, dir);

    f.clock.advance(48 * HOUR);
    expect(purge.runOnce()).toMatchObject({ dossiers: 0 });
    expect(isPurged(f.db, id)).toBe(false); // not delivered: stays, however old

    acknowledge(f, id);
    f.clock.advance(23 * HOUR);
    expect(purge.runOnce()).toMatchObject({ dossiers: 0 });
    expect(shas.every((s) => existsSync(fileOf(dir, s)))).toBe(true); // retention not over

    f.clock.advance(1 * HOUR);
    expect(purge.runOnce()).toMatchObject({ dossiers: 1, files: 4 });
    const row = repo.getDossier(f.db, id);
    expect(row).toMatchObject({
      applicant_name: '',
      applicant_id_number: '2345',
      applicant_birth_date: null,
      applicant_sex: null,
      applicant_address: '',
      phone: null,
      email: null,
      form_values: '{}',
      postal_address: '',
      procedure_code: LAND,
      consent_text_version: 'nd13-2026-01',
      status: 1,
    });
    expect(row?.provisional_code).toMatch(/^TAM-/);
    // File hashes stay for the audit; the bytes are gone.
    expect(repo.listPages(f.db, id).map((p) => p.sha256)).toEqual(shas.slice(0, 3));
    expect(shas.some((s) => existsSync(fileOf(dir, s)))).toBe(false);
    expect(f.db.prepare(`SELECT action FROM audit_log WHERE subject = ?`).pluck().all(id)).toContain('dossier.personal_data_purged');
    // The WAL was checkpointed and truncated; neither file holds the name or the ID number any more.
    expect(statSync(join(dir, 'kiosk.sqlite3-wal')).size).toBe(0);
    for (const path of filesUnder(dir)) {
      const bytes = readFileSync(path);
      for (const text of [NAME, NAME.normalize('NFD'), ID]) expect(bytes.includes(Buffer.from(text, 'utf8')), `${text} in ${path}`).toBe(false);
    }
    // A second round has nothing left to do, and the receipt PDF is not made again.
    expect(purge.runOnce()).toEqual({ dossiers: 0, files: 0, prints: 0, sessions: 0 });
    await expect(f.service.pdf(id, 'vi')).rejects.toThrow(/erased/);
  });

  it('keeps a dossier while its fee payment is pending, and purges it once the payment is confirmed and delivered', async () => {
    const dir = tempDir();
    const f = dossierFixture(dir);
    const { id } = await submit(f, 'pay', 'p');
    const payments = new PaymentService({ db: f.db, config: f.config, clock: f.clock, logger: f.logger, newId: randomUUID, link: null });
    const started = payments.start(id);
    acknowledge(f, id);
    const { purge } = purgeFor(f, dir, { retentionHours: 0 });
    f.clock.advance(1000);
    expect(purge.runOnce()).toMatchObject({ dossiers: 0 });

    acknowledge(f, started.paymentId); // the portal holds the payment, still pending
    f.clock.advance(1000);
    expect(purge.runOnce()).toMatchObject({ dossiers: 0 });

    applyPortalPayment(f.db, started.paymentId, { state: 'confirmed', confirmedAt: f.clock.now().toISOString() }, f.clock.now());
    f.clock.advance(1000);
    expect(purge.runOnce()).toMatchObject({ dossiers: 1 });
    expect(isPurged(f.db, id)).toBe(true);
  });

  it('a lookup by code and the last 4 ID digits still answers after the purge, and says where the status comes from', async () => {
    const dir = tempDir();
    const f = dossierFixture(dir);
    const { id } = await submit(f, 'lookup', 'k');
    const code = repo.getDossier(f.db, id)?.provisional_code ?? '';
    expect(f.service.lookup(code, '2345')).toMatchObject({ personalDataErased: false });
    acknowledge(f, id);
    const { purge } = purgeFor(f, dir, { retentionHours: 0 });
    f.clock.advance(1000);
    expect(purge.runOnce()).toMatchObject({ dossiers: 1 });

    // Offline (or the portal did not answer): the last status the kiosk knew, and that it is so.
    expect(f.service.lookup(code, '2345')).toMatchObject({ code, personalDataErased: true, statusSource: 'kiosk', status: { status: 1 } });
    // Online: the portal's status was recorded just before.
    expect(f.service.lookup(code.toLowerCase(), '2345', 'en', true)).toMatchObject({ personalDataErased: true, statusSource: 'portal' });
    // The check still holds: a wrong pair is refused as before.
    expect(() => f.service.lookup(code, '1234')).toThrow(/Không tìm thấy hồ sơ/);
  });

  it('runs in the background: a delivery nudges it without waiting for the interval, and close stops it', async () => {
    const dir = tempDir();
    const f = dossierFixture(dir);
    const { id } = await submit(f, 'loop', 'o');
    const { purge } = purgeFor(f, dir, { retentionHours: 0 }); // interval: one minute
    purge.start();
    acknowledge(f, id);
    f.clock.advance(1000);
    purge.soon();
    for (let i = 0; i < 100 && !isPurged(f.db, id); i++) await new Promise((r) => setTimeout(r, 20));
    expect(isPurged(f.db, id)).toBe(true);
    await purge.close();
  });

  it('never takes a dossier its citizen may still be looking at on the receipt screen', async () => {
    const dir = tempDir();
    const f = dossierFixture(dir);
    const { id } = await submit(f, 'screen', 's');
    acknowledge(f, id);
    const { purge } = purgeFor(f, dir, { retentionHours: 0, receiptScreenMs: 70_000 });
    f.clock.advance(69_000);
    expect(purge.runOnce()).toMatchObject({ dossiers: 0 });
    f.clock.advance(1_000);
    expect(purge.runOnce()).toMatchObject({ dossiers: 1 });
  });

  it('keeps a page file that a dossier not yet purged also holds, and removes it with the last one', async () => {
    const dir = tempDir();
    const f = dossierFixture(dir);
    const a = await submit(f, 'shared page', 'a');
    const b = await submit(f, 'shared page', 'b');
    const shared = a.shas[0] ?? '';
    expect(b.shas[0]).toBe(shared);
    const { purge } = purgeFor(f, dir, { retentionHours: 0 });

    acknowledge(f, a.id);
    f.clock.advance(1000);
    expect(purge.runOnce()).toMatchObject({ dossiers: 1 });
    expect(existsSync(fileOf(dir, shared))).toBe(true);
    expect(existsSync(fileOf(dir, a.shas[1] ?? ''))).toBe(false);
    expect(existsSync(fileOf(dir, b.shas[1] ?? ''))).toBe(true);

    acknowledge(f, b.id);
    f.clock.advance(1000);
    purge.runOnce();
    expect(existsSync(fileOf(dir, shared))).toBe(false);
  });

  it('a failed round raises a staff alert, never loses the rows, and the next round finishes and resolves it', async () => {
    const dir = tempDir();
    const f = dossierFixture(dir);
    const { id, shas } = await submit(f, 'locked', 'l');
    let locked = true;
    const fs: PurgeFs = {
      ...nodeFs,
      unlinkSync: (path) => {
        if (locked) throw Object.assign(new Error(`EBUSY: resource busy or locked, unlink '${String(path)}'`), { code: 'EBUSY' });
        nodeFs.unlinkSync(path);
      },
    };
    const { purge, alerts } = purgeFor(f, dir, { retentionHours: 0, fs });
    acknowledge(f, id);
    f.clock.advance(1000);

    expect(purge.runOnce()).toBeNull();
    expect(alerts.raised).toHaveLength(1);
    expect(alerts.raised[0]).toMatch(/^purge_failing: .*EBUSY/);
    expect(isPurged(f.db, id)).toBe(true); // the rows went; the files wait for the retry
    expect(shas.every((s) => existsSync(fileOf(dir, s)))).toBe(true);
    expect(alerts.resolved).toBe(0);

    locked = false;
    expect(purge.runOnce()).toMatchObject({ files: 4 });
    expect(shas.some((s) => existsSync(fileOf(dir, s)))).toBe(false);
    expect(alerts.resolved).toBe(1);
  });

  it('removes printed images older than the retention and the pages of abandoned scan sessions', async () => {
    const dir = tempDir();
    const f = dossierFixture(dir);
    const { id } = await submit(f, 'print', 'x');
    await f.service.print(id, 'vi');
    const prints = readdirSync(join(dir, 'prints'));
    expect(prints.length).toBeGreaterThan(0);
    // The files' times as the operating system would have written them on this (test) clock.
    const printedAt = f.clock.now();
    for (const name of prints) utimesSync(join(dir, 'prints', name), printedAt, printedAt);
    const { sessionId } = f.service.begin(LAND);
    f.service.stagePage(sessionId, pagePng('abandoned'));
    const { purge } = purgeFor(f, dir, { retentionHours: 1 });

    f.clock.advance(5 * 60_000);
    expect(purge.runOnce()).toMatchObject({ prints: 0, sessions: 0 });
    expect(readdirSync(join(dir, 'files', 'staging'))).toEqual([sessionId]);

    f.clock.advance(56 * 60_000);
    expect(purge.runOnce()).toMatchObject({ prints: prints.length, sessions: 1 });
    expect(readdirSync(join(dir, 'prints'))).toEqual([]);
    expect(readdirSync(join(dir, 'files', 'staging'))).toEqual([]);
  });
});
