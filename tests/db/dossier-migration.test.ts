import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/db/migrate';
import { migrations } from '../../src-main/db/migrations';

function at0003() {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, 3));
  return db;
}

const dossier = (over: Record<string, unknown> = {}) => ({
  id: 'd1', provisional_code: 'TAM-KIOSK01-261123-0001', official_code: null, procedure_code: '1.013831',
  procedure_name_vi: 'Đăng ký', procedure_name_en: 'Registration', agency_code: 'A', processing_days: 10, status: 1,
  applicant_name: 'Nguyễn Văn A', applicant_id_number: '001203004005', applicant_birth_date: null, applicant_sex: null,
  applicant_address: 'Hà Nội', identity_source: 'typed', representative_name: null, representative_id_number: null,
  representative_relation: null, phone: null, email: null, form_values: '{}', delivery_method: 'at_center',
  postal_address: null, consent_text_version: 'v1', consent_at: 'x', consent_terminal: 'K', terminal_id: 'K',
  received_at: 'x', appointment_at: 'y', language: 'vi', ...over,
});

function insert(db: BetterSqlite3.Database, row: Record<string, unknown>) {
  const cols = Object.keys(row);
  db.prepare(`INSERT INTO dossiers (${cols.join(',')}) VALUES (${cols.map((c) => '@' + c).join(',')})`).run(row);
}

describe('migration 0003: dossiers, files, audit log, outbox', () => {
  it('creates the dossier tables and the outbox', () => {
    const db = at0003();
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all();
    for (const t of ['dossiers', 'dossier_documents', 'files', 'dossier_files', 'dossier_receipts', 'dossier_status_history',
      'dossier_code_counters', 'official_code_reservations', 'audit_log', 'outbox_jobs']) expect(tables).toContain(t);
    const index = db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'outbox_jobs_due'`).pluck().get();
    expect(index).toMatch(/\(state, next_attempt_at\)/);
  });

  it('requires a code, a postal address for post, and both representative fields together', () => {
    const db = at0003();
    expect(() => insert(db, dossier({ provisional_code: null }))).toThrow(/CHECK/);
    expect(() => insert(db, dossier({ delivery_method: 'post' }))).toThrow(/CHECK/);
    expect(() => insert(db, dossier({ representative_name: 'B' }))).toThrow(/CHECK/);
    insert(db, dossier());
    expect(() => insert(db, dossier({ id: 'd2' }))).toThrow(/UNIQUE/);
  });

  it('keeps a page reference only to a known file of a known document', () => {
    const db = at0003();
    insert(db, dossier());
    const sha = 'a'.repeat(64);
    expect(() => db.prepare(`INSERT INTO dossier_files VALUES ('d1', 'doc', 1, ?)`).run(sha)).toThrow(/FOREIGN KEY/);
    db.prepare(`INSERT INTO dossier_documents VALUES ('d1','doc',0,'a','b','original',1,'scanned',1)`).run();
    expect(() => db.prepare(`INSERT INTO dossier_files VALUES ('d1', 'doc', 1, ?)`).run(sha)).toThrow(/FOREIGN KEY/);
    db.prepare(`INSERT INTO files VALUES (?, 3, 'image/png', ?, 'x')`).run(sha, `objects/aa/${sha}`);
    db.prepare(`INSERT INTO dossier_files VALUES ('d1', 'doc', 1, ?)`).run(sha);
    expect(() => db.prepare(`INSERT INTO files VALUES ('short', 3, 'image/png', 'p', 'x')`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO dossier_documents VALUES ('d1','p',1,'a','b','copy',1,'paper_at_counter',2)`).run()).toThrow(/CHECK/);
  });

  it('has one outbox job per idempotency key and only the four states', () => {
    const db = at0003();
    const add = db.prepare(
      `INSERT INTO outbox_jobs (kind, subject_id, idempotency_key, payload, state, next_attempt_at, created_at, updated_at)
       VALUES ('submit-dossier', 'd1', ?, '{}', ?, 'x', 'x', 'x')`,
    );
    add.run('k1', 'pending');
    expect(() => add.run('k1', 'pending')).toThrow(/UNIQUE/);
    expect(() => add.run('k2', 'failed')).toThrow(/CHECK/);
    expect(db.prepare(`SELECT attempts FROM outbox_jobs`).pluck().get()).toBe(0);
  });
});
