import type { Database } from 'better-sqlite3';
import { purgeDossierRow } from '../../../src-main/dossier/dossier-repository';
import { insertRating } from '../../../src-main/rating/rating-repository';
import { addTerminalEvent } from '../../../src-main/report/terminal-event-repository';

/**
 * A known day at terminal KIOSK-01: 2026-12-05 in Asia/Ho_Chi_Minh (UTC+7), which runs from
 * 2026-12-04T17:00Z to 2026-12-05T17:00Z. Rows just outside it are there to be left out.
 */
export const SEEDED_DAY = '2026-12-05';
export const TERMINAL = 'KIOSK-01';

export function seedDay(db: Database): void {
  let n = 0;
  const ticket = (serviceId: string, day: string, priority: string) => {
    n += 1;
    db.prepare(
      `INSERT INTO tickets (id, service_id, day, number, display, priority, issued_at) VALUES (?, ?, ?, ?, ?, ?, '2026-12-05T02:00:00.000Z')`,
    ).run(`t${n}`, serviceId, day, n, `A${n}`, priority);
  };
  for (const p of ['none', 'none', 'none', 'elderly']) ticket('ho-tich', SEEDED_DAY, p);
  for (const p of ['pregnant', 'disabled', 'disabled', 'none']) ticket('dat-dai', SEEDED_DAY, p);
  ticket('ho-tich', '2026-12-04', 'none');
  ticket('dat-dai', '2026-12-06', 'elderly');

  const dossier = (id: string, terminal: string, receivedAt: string) =>
    db
      .prepare(
        `INSERT INTO dossiers (id, provisional_code, procedure_code, procedure_name_vi, procedure_name_en, agency_code, processing_days,
           status, applicant_name, applicant_id_number, applicant_address, identity_source, form_values, delivery_method,
           consent_text_version, consent_at, consent_terminal, terminal_id, received_at, appointment_at, language)
         VALUES (?, ?, '1.013831', 'Đăng ký biến động', 'Land change', '000.00.12.H29', 10, 1, 'Nguyễn Văn Đức', '001099012345',
           'Số 1 Trần Phú', 'typed', '{}', 'at_center', 'v1', ?, ?, ?, ?, ?, 'vi')`,
      )
      .run(id, `TAM-${terminal}-${id}`, receivedAt, terminal, terminal, receivedAt, receivedAt);
  dossier('d0', TERMINAL, '2026-12-04T16:59:59.999Z'); // 23:59 on the 4th, local
  dossier('d1', TERMINAL, '2026-12-04T17:30:00.000Z'); // 00:30 on the 5th, local
  dossier('d2', TERMINAL, '2026-12-05T03:00:00.000Z');
  dossier('d3', TERMINAL, '2026-12-05T16:59:59.999Z'); // 23:59 on the 5th, local
  dossier('d4', TERMINAL, '2026-12-05T17:00:00.000Z'); // 00:00 on the 6th, local
  dossier('d5', 'KIOSK-02', '2026-12-05T03:00:00.000Z'); // another terminal's

  const doc = (dossierId: string, documentId: string, pages: number) =>
    db
      .prepare(
        `INSERT INTO dossier_documents (dossier_id, document_id, ord, name_vi, name_en, form, copies, kind, page_count)
         VALUES (?, ?, 1, 'Giấy tờ', 'Document', 'original', 1, ?, ?)`,
      )
      .run(dossierId, documentId, pages > 0 ? 'scanned' : 'paper_at_counter', pages);
  doc('d0', 'a', 5);
  doc('d1', 'a', 3);
  doc('d1', 'b', 0);
  doc('d2', 'a', 2);
  doc('d2', 'b', 1);
  doc('d3', 'a', 0);
  doc('d3', 'b', 0);
  doc('d4', 'a', 4);
  doc('d5', 'a', 7);

  const job = (subject: string, kind: string, state: string) =>
    db
      .prepare(
        `INSERT INTO outbox_jobs (kind, subject_id, idempotency_key, payload, state, next_attempt_at, created_at, updated_at)
         VALUES (?, ?, ?, '{}', ?, '2026-12-05T04:00:00.000Z', '2026-12-05T04:00:00.000Z', '2026-12-05T04:00:00.000Z')`,
      )
      .run(kind, subject, subject, state);
  job('d0', 'submit-dossier', 'done');
  job('d1', 'submit-dossier', 'done');
  job('d2', 'submit-dossier', 'done');
  job('d3', 'submit-dossier', 'pending');
  job('d4', 'submit-dossier', 'done');

  const payment = (id: string, dossierId: string, state: string, createdAt: string) =>
    db
      .prepare(
        `INSERT INTO payments (id, dossier_id, amount_vnd, reference, state, confirmed_at, created_at, updated_at)
         VALUES (?, ?, 250000, 'REF', ?, ?, ?, ?)`,
      )
      .run(id, dossierId, state, state === 'confirmed' ? createdAt : null, createdAt, createdAt);
  payment('p0', 'd0', 'confirmed', '2026-12-04T16:00:00.000Z'); // the day before
  payment('p1', 'd1', 'confirmed', '2026-12-04T18:00:00.000Z');
  payment('p2', 'd2', 'pending', '2026-12-05T03:10:00.000Z');
  payment('p3', 'd0', 'failed', '2026-12-05T09:00:00.000Z'); // a later try for the day before's dossier
  payment('p4', 'd4', 'pending', '2026-12-05T17:05:00.000Z'); // the day after

  // Link: online since the day before (crosses midnight) → 480 min; offline 30; online 510;
  // degraded 15; kiosk stopped 45 (unknown); online 360 to the day's end and beyond.
  for (const [at, state] of [
    ['2026-12-04T15:00:00.000Z', 'online'],
    ['2026-12-05T01:00:00.000Z', 'offline'],
    ['2026-12-05T01:30:00.000Z', 'online'],
    ['2026-12-05T10:00:00.000Z', 'degraded'],
    ['2026-12-05T10:15:00.000Z', 'stopped'],
    ['2026-12-05T11:00:00.000Z', 'online'],
    ['2026-12-05T20:00:00.000Z', 'offline'],
  ] as const)
    addTerminalEvent(db, 'link', state, at);
  // Printer: out of paper since the day before → 20 min in the day; degraded 10; out again for
  // the day's last 10 min (and on into the next day).
  for (const [at, state] of [
    ['2026-12-04T16:00:00.000Z', 'offline'],
    ['2026-12-04T17:20:00.000Z', 'ok'],
    ['2026-12-05T05:00:00.000Z', 'degraded'],
    ['2026-12-05T05:10:00.000Z', 'ok'],
    ['2026-12-05T16:50:00.000Z', 'offline'],
  ] as const)
    addTerminalEvent(db, 'printer', state, at);

  // Ratings: three in the day (one per subject, scores 2/0/1, two with a comment), one on each side.
  const rating = (id: string, subject: 'kiosk' | 'dossier' | 'counter', ref: string, overall: 0 | 1 | 2, ratedAt: string, comment: string | null) =>
    insertRating(db, {
      id,
      subject,
      dossierId: subject === 'counter' ? null : ref,
      ticketId: subject === 'counter' ? ref : null,
      overall,
      answers: [{ code: 'tong-the', score: overall }],
      comment,
      ratedAt,
    });
  rating('r0', 'kiosk', 'd0', 2, '2026-12-04T16:59:59.999Z', null); // 23:59 on the 4th, local
  rating('r1', 'kiosk', 'd1', 2, '2026-12-04T17:30:00.000Z', 'Máy dễ dùng');
  rating('r2', 'dossier', 'd2', 0, '2026-12-05T08:00:00.000Z', null);
  rating('r3', 'counter', 't1', 1, '2026-12-05T03:00:00.000Z', 'Chờ hơi lâu');
  rating('r4', 'counter', 't2', 2, '2026-12-05T17:00:00.000Z', null); // 00:00 on the 6th, local

  // The purge has been through d1: the report must not need what it erased.
  purgeDossierRow(db, 'd1');
}

/** Every figure of the seeded day, as the report must give it. */
export const SEEDED_FIGURES = {
  tickets: {
    total: 8,
    byService: [
      { serviceId: 'dat-dai', total: 4, byPriority: { none: 1, elderly: 0, disabled: 2, pregnant: 1 } },
      { serviceId: 'ho-tich', total: 4, byPriority: { none: 3, elderly: 1, disabled: 0, pregnant: 0 } },
    ],
  },
  dossiers: { submitted: 3, delivered: 2, pending: 1 },
  payments: { started: 3, confirmed: 1, failed: 1 },
  ratings: { total: 3, kiosk: 1, dossier: 1, counter: 1, verySatisfied: 1, satisfied: 1, notSatisfied: 1, withComment: 2 },
  link: { onlineMinutes: 1350, degradedMinutes: 15, offlineMinutes: 30, unknownMinutes: 45, onlinePercent: 96.8 },
  printer: { withoutPaperOrPrinterMinutes: 30, degradedMinutes: 10, unknownMinutes: 0 },
  documents: { pagesScanned: 6, documentsScanned: 3, documentsOnPaper: 3, digitizedPercent: 50 },
};
