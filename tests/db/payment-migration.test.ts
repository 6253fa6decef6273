import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/db/migrate';
import { migrations } from '../../src-main/db/migrations';

function at(version: number) {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, version));
  return db;
}

const NOW = '2026-11-23T02:00:00.000Z';

function addDossier(db: BetterSqlite3.Database, id: string): void {
  db.prepare(
    `INSERT INTO dossiers (id, provisional_code, procedure_code, procedure_name_vi, procedure_name_en, agency_code, processing_days,
       status, applicant_name, applicant_id_number, applicant_address, identity_source, form_values, delivery_method,
       consent_text_version, consent_at, consent_terminal, terminal_id, received_at, appointment_at, language)
     VALUES (?, ?, '1.013831', 'Đăng ký biến động', 'Land change', '000.00.12.H29', 10, 1, 'Nguyễn Văn Đức', '001099012345',
       'Số 1 Trần Phú', 'typed', '{}', 'at_center', 'v1', ?, 'KIOSK-01', 'KIOSK-01', ?, ?, 'vi')`,
  ).run(id, `TAM-KIOSK-01-261123-${id.slice(-4)}`, NOW, NOW, NOW);
}

const insert = (db: BetterSqlite3.Database, p: Record<string, unknown>) =>
  db.prepare(`INSERT INTO payments (${Object.keys(p).join(',')}) VALUES (${Object.keys(p).map((k) => '@' + k).join(',')})`).run(p);
const payment = (id: string, dossier: string, extra: Record<string, unknown> = {}) => ({
  id, dossier_id: dossier, amount_vnd: 250_000, reference: 'TAM-KIOSK-01-261123-0001', state: 'pending', created_at: NOW, updated_at: NOW, ...extra,
});

describe('migration 0005: fee payments', () => {
  it('adds the payments table to a store with dossiers, which stay as they were', () => {
    const db = at(4);
    addDossier(db, 'd-0001');
    migrate(db, migrations.slice(0, 5));
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    expect(db.prepare(`SELECT count(*) FROM dossiers`).pluck().get()).toBe(1);
    insert(db, payment('p1', 'd-0001'));
    expect(db.prepare(`SELECT method, state, confirmed_at FROM payments WHERE id = 'p1'`).get()).toEqual({ method: 'vietqr', state: 'pending', confirmed_at: null });
  });

  it('refuses a payment for no dossier, a zero amount, an unknown state, a long reference, and confirmed without a time', () => {
    const db = at(5);
    addDossier(db, 'd-0001');
    expect(() => insert(db, payment('p0', 'no-such-dossier'))).toThrow(/FOREIGN KEY/);
    expect(() => insert(db, payment('p1', 'd-0001', { amount_vnd: 0 }))).toThrow(/CHECK/);
    expect(() => insert(db, payment('p2', 'd-0001', { state: 'refunded' }))).toThrow(/CHECK/);
    expect(() => insert(db, payment('p3', 'd-0001', { reference: 'x'.repeat(26) }))).toThrow(/CHECK/);
    expect(() => insert(db, payment('p4', 'd-0001', { state: 'confirmed' }))).toThrow(/CHECK/);
    expect(() => insert(db, payment('p5', 'd-0001', { state: 'pending', confirmed_at: NOW }))).toThrow(/CHECK/);
    expect(() => insert(db, payment('p6', 'd-0001', { method: 'cash' }))).toThrow(/CHECK/);
  });

  it('allows one payment under way or done per dossier, and a new one after a failure', () => {
    const db = at(5);
    addDossier(db, 'd-0001');
    addDossier(db, 'd-0002');
    insert(db, payment('p1', 'd-0001'));
    expect(() => insert(db, payment('p2', 'd-0001'))).toThrow(/UNIQUE/);
    insert(db, payment('p3', 'd-0002'));
    db.prepare(`UPDATE payments SET state = 'failed', reason = 'expired' WHERE id = 'p1'`).run();
    insert(db, payment('p4', 'd-0001'));
    db.prepare(`UPDATE payments SET state = 'confirmed', confirmed_at = ? WHERE id = 'p4'`).run(NOW);
    expect(() => insert(db, payment('p5', 'd-0001'))).toThrow(/UNIQUE/);
    expect(db.prepare(`SELECT id FROM payments WHERE dossier_id = 'd-0001' ORDER BY id`).pluck().all()).toEqual(['p1', 'p4']);
  });

  it('makes a payment row due in the commit that marks its dossier delivered, and no other row', () => {
    const db = at(5);
    addDossier(db, 'd-0001');
    addDossier(db, 'd-0002');
    insert(db, payment('p1', 'd-0001'));
    insert(db, payment('p2', 'd-0002'));
    const job = (kind: string, subject: string, next: string) =>
      db.prepare(`INSERT INTO outbox_jobs (kind, subject_id, idempotency_key, payload, state, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, '{}', 'pending', ?, ?, ?)`).run(kind, subject, subject, next, NOW, NOW);
    const later = '9999-12-31T00:00:00.000Z';
    job('submit-dossier', 'd-0001', NOW);
    job('submit-dossier', 'd-0002', NOW);
    job('submit-payment', 'p1', later);
    job('submit-payment', 'p2', later);
    const due = (key: string) => db.prepare(`SELECT next_attempt_at FROM outbox_jobs WHERE idempotency_key = ?`).pluck().get(key);
    db.prepare(`UPDATE outbox_jobs SET state = 'running', updated_at = '2026-11-23T02:01:00.000Z' WHERE idempotency_key = 'd-0001'`).run();
    expect(due('p1')).toBe(later);
    db.prepare(`UPDATE outbox_jobs SET state = 'done', updated_at = '2026-11-23T02:02:00.000Z' WHERE idempotency_key = 'd-0001'`).run();
    expect([due('p1'), due('p2')]).toEqual(['2026-11-23T02:02:00.000Z', later]);
  });
});
