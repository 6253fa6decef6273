import { existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { KioskCore } from '../../../src-main/app/composition-root';
import { purgeDossierRow } from '../../../src-main/dossier/dossier-repository';
import { park } from '../../../src-main/outbox/outbox-repository';
import type { StaffAlert } from '../../../src-shared/staff';
import { useTempDirs } from '../../fakes/temp-dir';
import { createTestCore } from '../../fakes/test-core';
import { dispatchAsStaff, itSession } from '../../fakes/staff-session';
import { LAND, landDraft, pagePng } from '../dossier/fixture';

const tempDir = useTempDirs();

/** A dossier submitted as the citizen's screens do; returns its id and provisional code. */
async function submitDossier(core: KioskCore): Promise<{ id: string; code: string }> {
  const begun = await core.dispatcher.dispatch('beginDossier', { procedureCode: LAND });
  if (!begun.ok) throw new Error(begun.error.message);
  const { sessionId } = begun.value as { sessionId: string };
  const pageIds: string[][] = [];
  for (const n of [1, 2, 3]) {
    const staged = await core.dispatcher.dispatch('stageScannedPage', { sessionId, mediaType: 'image/png', dataBase64: Buffer.from(pagePng(`p${n}`)).toString('base64') });
    if (!staged.ok) throw new Error(staged.error.message);
    pageIds.push([(staged.value as { pageId: string }).pageId]);
  }
  const submitted = await core.dispatcher.dispatch('submitDossier', { draft: landDraft(sessionId, pageIds, 'vi') });
  if (!submitted.ok) throw new Error(submitted.error.message);
  return { id: sessionId, code: (submitted.value as { receipt: { code: string } }).receipt.code };
}

/** The core holds its store exclusively: the test edits it with the core closed, as another run left it. */
function editStore<T>(dataDir: string, edit: (db: BetterSqlite3.Database) => T): T {
  const db = new BetterSqlite3(join(dataDir, 'kiosk.sqlite3'));
  try {
    return edit(db);
  } finally {
    db.close();
  }
}

/** Read with the core closed (see editStore). */
const auditActions = (dataDir: string): { actor: string; action: string }[] => {
  const db = new BetterSqlite3(join(dataDir, 'kiosk.sqlite3'), { readonly: true });
  try {
    return db.prepare(`SELECT actor, action FROM audit_log WHERE action LIKE 'staff.%' ORDER BY id`).all() as { actor: string; action: string }[];
  } finally {
    db.close();
  }
};

describe('staff-assisted work through the dispatcher (real store, virtual printer)', () => {
  it('every staff-work method is refused without a live staff session, before the request is read', async () => {
    const { core, printer } = await createTestCore(tempDir());
    try {
      const calls: [string, object][] = [
        ['reprintLastTicket', { language: 'vi' }],
        ['reprintReceiptByCode', { code: 'TAM-KIOSK-01-261123-0001', language: 'vi' }],
        ['listOutbox', {}],
        ['markPrinterRefilled', {}],
        ['takeTicketForCitizen', { serviceId: 'civil', priority: 'none', language: 'vi' }],
      ];
      for (const [method, request] of calls) {
        for (const session of [undefined, 'A'.repeat(43)]) {
          const reply = await core.dispatcher.dispatch(method, session === undefined ? request : { ...request, session });
          expect(reply, method).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        }
      }
      // A session that ended (a citizen started) no longer works either.
      const session = await itSession(core);
      await core.dispatcher.dispatch('startCitizenSession', {});
      expect(await core.dispatcher.dispatch('listOutbox', { session })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(printer.lastPrint()).toBeUndefined();
    } finally {
      await core.close();
    }
  });

  it('a staff (not IT) session may do the work, and the audit names the staff role', async () => {
    const dataDir = tempDir();
    const { core } = await createTestCore(dataDir);
    try {
      const it = await itSession(core);
      expect(await core.dispatcher.dispatch('setStaffPin', { session: it, pin: '13572468' })).toMatchObject({ ok: true });
      const login = await core.dispatcher.dispatch('loginStaff', { pin: '13572468' });
      expect(login).toMatchObject({ ok: true, value: { outcome: 'granted', role: 'staff' } });
      const session = (login as { ok: true; value: { session: string } }).value.session;
      expect(await core.dispatcher.dispatch('markPrinterRefilled', { session })).toMatchObject({ ok: true, value: { health: { state: 'ok' } } });
      expect(await core.dispatcher.dispatch('listOutbox', { session })).toEqual({ ok: true, value: [] });
    } finally {
      await core.close();
    }
    expect(auditActions(dataDir)).toEqual([{ actor: 'staff@KIOSK-01', action: 'staff.printer_refilled' }]);
  });

  it('a ticket taken for a citizen prints, keeps the staff session open, and is audited; the last ticket reprints as a new PNG', async () => {
    const dataDir = tempDir();
    const { core, printer } = await createTestCore(dataDir);
    try {
      const services = await core.dispatcher.dispatch('listQueueServices', {});
      const serviceId = (services as { ok: true; value: { id: string }[] }).value[0]!.id;
      const none = await dispatchAsStaff(core, 'reprintLastTicket', { language: 'vi' });
      expect(none).toMatchObject({ ok: false, error: { code: 'not_found' } });

      const session = await itSession(core);
      const taken = await core.dispatcher.dispatch('takeTicketForCitizen', { session, serviceId, priority: 'elderly', language: 'vi' });
      expect(taken).toMatchObject({ ok: true, value: { printed: true, priority: 'elderly' } });
      const display = (taken as { ok: true; value: { display: string } }).value.display;
      const first = printer.lastPrint();
      expect(first?.pngFiles).toHaveLength(1);
      // The same token still works: unlike the citizen's takeTicket, the staff session stays.
      const reprinted = await core.dispatcher.dispatch('reprintLastTicket', { session, language: 'en' });
      expect(reprinted).toMatchObject({ ok: true, value: { display, printed: true } });
      const second = printer.lastPrint();
      expect(second).not.toBe(first);
      expect(second?.pngFiles[0]).toMatch(new RegExp(`^${join(dataDir, 'prints')}`));
      expect(existsSync(second!.pngFiles[0]!)).toBe(true);

      // The citizen's own takeTicket does end it.
      await core.dispatcher.dispatch('takeTicket', { serviceId, priority: 'none', language: 'vi' });
      expect(await core.dispatcher.dispatch('reprintLastTicket', { session, language: 'vi' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      // And the reprint now is of the citizen's later ticket.
      const later = await dispatchAsStaff(core, 'reprintLastTicket', { language: 'vi' });
      expect(later).toMatchObject({ ok: true, value: { printed: true } });
      expect((later as { ok: true; value: { display: string } }).value.display).not.toBe(display);

    } finally {
      await core.close();
    }
    expect(auditActions(dataDir)).toEqual([
      { actor: 'it@KIOSK-01', action: 'staff.ticket_issued' },
      { actor: 'it@KIOSK-01', action: 'staff.ticket_reprinted' },
      { actor: 'it@KIOSK-01', action: 'staff.ticket_reprinted' },
    ]);
  });

  it('no ticket for a citizen while the printer is out of paper; marking it refilled brings it back and resolves the alert', async () => {
    const dataDir = tempDir();
    const { core, printer } = await createTestCore(dataDir);
    try {
      printer.setState('paper-out');
      const refused = await dispatchAsStaff(core, 'takeTicketForCitizen', { serviceId: 'civil', priority: 'none', language: 'vi' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'device_unavailable', message: 'Out of paper' } });
      const alerts = async () => ((await dispatchAsStaff(core, 'listStaffAlerts')) as { ok: true; value: StaffAlert[] }).value;
      await new Promise((r) => setTimeout(r, 0));
      expect((await alerts()).find((a) => a.source === 'printer' && a.resolvedAt === null)).toMatchObject({ reason: 'printer_paper_out' });

      const refilled = await dispatchAsStaff(core, 'markPrinterRefilled');
      expect(refilled).toMatchObject({ ok: true, value: { health: { device: 'printer', state: 'ok' } } });
      expect(printer.condition()).toBe('ok');
      await new Promise((r) => setTimeout(r, 0));
      expect((await alerts()).filter((a) => a.source === 'printer' && a.resolvedAt === null)).toEqual([]);

      // A cover left open is not fixed by paper: the answer says the printer is still offline.
      printer.setState('cover-open');
      const still = await dispatchAsStaff(core, 'markPrinterRefilled');
      expect(still).toMatchObject({ ok: true, value: { health: { state: 'offline', reason: 'printer_cover_open' } } });
    } finally {
      await core.close();
    }
    // The refused ticket was never issued, so not audited; both refills are.
    expect(auditActions(dataDir)).toEqual([
      { actor: 'it@KIOSK-01', action: 'staff.printer_refilled' },
      { actor: 'it@KIOSK-01', action: 'staff.printer_refilled' },
    ]);
  });

  it('a receipt reprints by either spelling of its code; an erased dossier is refused with "erased"; an unknown code is not found', async () => {
    const dataDir = tempDir();
    const first = await createTestCore(dataDir);
    let dossier: { id: string; code: string };
    try {
      dossier = await submitDossier(first.core);
      const { printer } = first;
      const before = printer.lastPrint();
      const again = await dispatchAsStaff(first.core, 'reprintReceiptByCode', { code: ` ${dossier.code.toLowerCase()} `, language: 'vi' });
      expect(again).toEqual({ ok: true, value: { outcome: 'printed', code: dossier.code } });
      expect(printer.lastPrint()).not.toBe(before);
      expect(printer.lastPrint()?.pngFiles[0]).toMatch(new RegExp(`^${join(dataDir, 'prints')}`));
      expect(existsSync(printer.lastPrint()!.pngFiles[0]!)).toBe(true);

      printer.setState('paper-out');
      const failed = await dispatchAsStaff(first.core, 'reprintReceiptByCode', { code: dossier.code, language: 'vi' });
      expect(failed).toMatchObject({ ok: true, value: { outcome: 'print-failed', code: dossier.code, printError: { en: expect.stringMatching(/paper/i) } } });
    } finally {
      await first.core.close();
    }
    // The portal has it and the purge erased its personal data (decision 0022).
    expect(editStore(dataDir, (db) => purgeDossierRow(db, dossier.id))).toBe(true);

    const { core, printer } = await createTestCore(dataDir);
    try {
      const erased = await dispatchAsStaff(core, 'reprintReceiptByCode', { code: dossier.code, language: 'vi' });
      expect(erased).toEqual({ ok: true, value: { outcome: 'erased', code: dossier.code } });
      expect(printer.lastPrint()).toBeUndefined();
      const unknown = await dispatchAsStaff(core, 'reprintReceiptByCode', { code: 'TAM-KIOSK-01-261123-9999', language: 'vi' });
      expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    } finally {
      await core.close();
    }
    expect(auditActions(dataDir).map((a) => a.action)).toEqual(['staff.receipt_reprinted', 'staff.receipt_reprinted', 'staff.receipt_reprint_refused']);
  });

  it('the outbox list shows pending and parked rows with the dossier code, attempts, next attempt and why', async () => {
    const dataDir = tempDir();
    const first = await createTestCore(dataDir);
    let pending: { id: string; code: string };
    let parked: { id: string; code: string };
    try {
      pending = await submitDossier(first.core);
      parked = await submitDossier(first.core);
    } finally {
      await first.core.close();
    }
    const at = first.clock.now();
    const parkedId = editStore(dataDir, (db) => {
      const row = db.prepare(`SELECT id FROM outbox_jobs WHERE subject_id = ?`).get(parked.id) as { id: number };
      db.prepare(`UPDATE outbox_jobs SET attempts = 3 WHERE id = ?`).run(row.id);
      park(db, row.id, 'portal_refused', 'HTTP 422 invalid_request: applicant.idNumber', at);
      return row.id;
    });

    const { core } = await createTestCore(dataDir, first.clock);
    try {
      const listed = await dispatchAsStaff(core, 'listOutbox');
      expect(listed).toEqual({
        ok: true,
        value: [
          { id: expect.any(Number), state: 'pending', kind: 'dossier', dossierCode: pending.code, attempts: 0, nextAttemptAt: at.toISOString(), why: null, parkReason: null },
          { id: parkedId, state: 'parked', kind: 'dossier', dossierCode: parked.code, attempts: 3, nextAttemptAt: null, why: 'HTTP 422 invalid_request: applicant.idNumber', parkReason: 'portal_refused' },
        ],
      });
    } finally {
      await core.close();
    }
  });
});
