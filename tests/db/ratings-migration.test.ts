import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/db/migrate';
import { migrations } from '../../src-main/db/migrations';
import { HELD } from '../../src-main/outbox/outbox-repository';
import { getRating, insertRating, isRated, ratingCountsIn, type NewRating } from '../../src-main/rating/rating-repository';
import { ticketByNumberOn } from '../../src-main/queue/ticket-repository';

function at(version: number) {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, version));
  return db;
}

const ticket = (db: BetterSqlite3.Database, id: string, day: string, number: number, display: string, serviceId = 'dat-dai') =>
  db
    .prepare(`INSERT INTO tickets (id, service_id, day, number, display, priority, issued_at) VALUES (?, ?, ?, ?, ?, 'none', ?)`)
    .run(id, serviceId, day, number, display, `${day}T02:00:00.000Z`);

const dossier = (db: BetterSqlite3.Database, id: string) =>
  db
    .prepare(
      `INSERT INTO dossiers (id, provisional_code, procedure_code, procedure_name_vi, procedure_name_en, agency_code, processing_days,
         status, applicant_name, applicant_id_number, applicant_address, identity_source, form_values, delivery_method,
         consent_text_version, consent_at, consent_terminal, terminal_id, received_at, appointment_at, language)
       VALUES (?, ?, '1.013831', 'Đăng ký biến động', 'Land change', '000.00.12.H29', 10, 1, 'Nguyễn Văn Đức', '001099012345',
         'Số 1 Trần Phú', 'typed', '{}', 'at_center', 'v1', 'x', 'KIOSK-01', 'KIOSK-01', 'x', 'x', 'vi')`,
    )
    .run(id, `TAM-${id}`);

const rating = (over: Partial<NewRating>): NewRating => ({
  id: 'r1',
  subject: 'kiosk',
  dossierId: 'd1',
  ticketId: null,
  overall: 2,
  answers: [{ code: 'tong-the', score: 2 }],
  comment: null,
  ratedAt: '2026-12-05T03:00:00.000Z',
  ...over,
});

describe('migration 0008: satisfaction ratings', () => {
  it('adds ratings to a store with dossiers and tickets, which stay as they were', () => {
    const db = at(7);
    dossier(db, 'd1');
    ticket(db, 't1', '2026-12-05', 7, 'A007');
    migrate(db, migrations.slice(0, 8));
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    expect(db.prepare(`SELECT count(*) FROM dossiers`).pluck().get()).toBe(1);
    expect(insertRating(db, rating({ comment: 'Nhanh' }))).toBe(true);
    expect(getRating(db, 'r1')).toEqual({
      id: 'r1',
      subject: 'kiosk',
      dossier_id: 'd1',
      ticket_id: null,
      overall: 2,
      answers: '[{"code":"tong-the","score":2}]',
      comment: 'Nhanh',
      rated_at: '2026-12-05T03:00:00.000Z',
    });
  });

  it('keeps one rating per subject, and refuses rows that name the wrong thing or score outside 0–2', () => {
    const db = at(8);
    dossier(db, 'd1');
    ticket(db, 't1', '2026-12-05', 7, 'A007');
    expect(insertRating(db, rating({}))).toBe(true);
    expect(insertRating(db, rating({ id: 'r2' }))).toBe(false);
    // The same dossier may still be rated for its handling, once.
    expect(insertRating(db, rating({ id: 'r3', subject: 'dossier' }))).toBe(true);
    expect(insertRating(db, rating({ id: 'r4', subject: 'dossier' }))).toBe(false);
    expect(insertRating(db, rating({ id: 'r5', subject: 'counter', dossierId: null, ticketId: 't1' }))).toBe(true);
    expect(isRated(db, 'kiosk', 'd1') && isRated(db, 'dossier', 'd1') && isRated(db, 'counter', 't1')).toBe(true);
    expect(isRated(db, 'counter', 'd1')).toBe(false);

    const raw = (values: string) => () => db.prepare(`INSERT INTO ratings (id, subject, dossier_id, ticket_id, overall, answers, comment, rated_at) VALUES ${values}`).run();
    expect(raw(`('x1', 'counter', 'd1', NULL, 1, '[]', NULL, 'x')`)).toThrow(/CHECK/);
    expect(raw(`('x2', 'kiosk', NULL, 't1', 1, '[]', NULL, 'x')`)).toThrow(/CHECK/);
    expect(raw(`('x3', 'kiosk', 'd1', 't1', 1, '[]', NULL, 'x')`)).toThrow(/CHECK/);
    expect(raw(`('x4', 'anything', 'd1', NULL, 1, '[]', NULL, 'x')`)).toThrow(/CHECK/);
    expect(raw(`('x5', 'kiosk', 'd1', NULL, 3, '[]', NULL, 'x')`)).toThrow(/CHECK/);
    expect(raw(`('x6', 'kiosk', 'd1', NULL, 1, 'not json', NULL, 'x')`)).toThrow(/CHECK/);
    expect(raw(`('x7', 'kiosk', 'd1', NULL, 1, '[]', '', 'x')`)).toThrow(/CHECK/);
    expect(raw(`('x8', 'kiosk', 'd1', NULL, 1, '[]', '${'a'.repeat(301)}', 'x')`)).toThrow(/CHECK/);
    expect(raw(`('x9', 'kiosk', 'no-such-dossier', NULL, 1, '[]', NULL, 'x')`)).toThrow(/FOREIGN KEY/);
  });

  it('counts a window of ratings by subject, overall score and comment', () => {
    const db = at(8);
    for (const id of ['d1', 'd2', 'd3']) dossier(db, id);
    ticket(db, 't1', '2026-12-05', 7, 'A007');
    insertRating(db, rating({ id: 'a', dossierId: 'd1', overall: 0, ratedAt: '2026-12-04T16:59:59.999Z' }));
    insertRating(db, rating({ id: 'b', dossierId: 'd2', overall: 1, comment: 'Ổn', ratedAt: '2026-12-04T17:00:00.000Z' }));
    insertRating(db, rating({ id: 'c', subject: 'dossier', dossierId: 'd2', overall: 0 }));
    insertRating(db, rating({ id: 'd', subject: 'counter', dossierId: null, ticketId: 't1', overall: 2, ratedAt: '2026-12-05T16:59:59.999Z' }));
    insertRating(db, rating({ id: 'e', dossierId: 'd3', ratedAt: '2026-12-05T17:00:00.000Z' }));
    expect(ratingCountsIn(db, '2026-12-04T17:00:00.000Z', '2026-12-05T17:00:00.000Z')).toEqual({
      total: 3,
      kiosk: 1,
      dossier: 1,
      counter: 1,
      verySatisfied: 1,
      satisfied: 1,
      notSatisfied: 1,
      withComment: 1,
    });
    expect(ratingCountsIn(db, '2026-12-06T17:00:00.000Z', '2026-12-07T17:00:00.000Z')).toMatchObject({ total: 0, verySatisfied: 0 });
  });

  it("makes a rating's held job due in the commit that marks its dossier's job done, and no other", () => {
    const db = at(8);
    for (const id of ['d1', 'd2']) dossier(db, id);
    insertRating(db, rating({ id: 'r1', dossierId: 'd1' }));
    insertRating(db, rating({ id: 'r2', dossierId: 'd2' }));
    const job = (kind: string, subject: string, due: string) =>
      db
        .prepare(
          `INSERT INTO outbox_jobs (kind, subject_id, idempotency_key, payload, state, next_attempt_at, created_at, updated_at)
           VALUES (?, ?, ?, '{}', 'pending', ?, 'x', 'x')`,
        )
        .run(kind, subject, subject, due);
    job('submit-dossier', 'd1', '2026-12-05T03:00:00.000Z');
    job('submit-dossier', 'd2', '2026-12-05T03:00:00.000Z');
    job('submit-rating', 'r1', HELD);
    job('submit-rating', 'r2', HELD);
    db.prepare(`UPDATE outbox_jobs SET state = 'done', updated_at = '2026-12-05T03:00:05.000Z' WHERE subject_id = 'd1'`).run();
    const due = (subject: string) => db.prepare(`SELECT next_attempt_at FROM outbox_jobs WHERE subject_id = ?`).pluck().get(subject);
    expect(due('r1')).toBe('2026-12-05T03:00:05.000Z');
    expect(due('r2')).toBe(HELD);
  });

  it("finds today's ticket as typed off the paper, and no other day's", () => {
    const db = at(8);
    ticket(db, 't0', '2026-12-04', 7, 'A007');
    ticket(db, 't1', '2026-12-05', 7, 'A007');
    ticket(db, 't2', '2026-12-05', 7, 'AB007', 'ho-tich');
    ticket(db, 't3', '2026-12-05', 12, 'B012', 'ho-tich');
    const on5 = (typed: string) => ticketByNumberOn(db, '2026-12-05', typed)?.id;
    expect([on5('A007'), on5('a7'), on5(' a 0 0 7 '), on5('AB7'), on5('b12'), on5('B0012')]).toEqual(['t1', 't1', 't1', 't2', 't3', 't3']);
    expect([on5('A8'), on5('C007'), on5('7'), on5('A'), on5(''), on5("A7' OR 1=1 --")]).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(ticketByNumberOn(db, '2026-12-04', 'A7')?.id).toBe('t0');
  });
});
