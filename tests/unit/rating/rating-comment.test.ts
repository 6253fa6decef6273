import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/db/migrate';
import { migrations } from '../../../src-main/db/migrations';
import { storedComment } from '../../../src-main/rating/rating-comment';
import { insertRating } from '../../../src-main/rating/rating-repository';
import { cleanIncomingText } from '../../../src-shared/text';
import { RATING_COMMENT_MAX } from '../../../src-shared/rating';

/** What a hostile or careless comment may hold: anything, controls, long numbers, odd spaces. */
const digits = fc.string({ unit: fc.constantFrom('0', '1', '9', '٣', '７', ' ', '.', '-'), minLength: 9, maxLength: 30 });
const piece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u0007', '\n', '\t', '\r', '\u00a0', '\u2028', ' '), maxLength: 10 }),
  digits,
);
const comment = fc.array(piece, { maxLength: 80 }).map((parts) => parts.join(''));

describe('a rating comment as stored', () => {
  it('is null or 1–300 code points, without controls, edge spaces or a long number, fits the table, and is stable', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations);
    db.prepare(`INSERT INTO tickets (id, service_id, day, number, display, priority, issued_at) VALUES ('t', 's', '2026-12-05', 1, 'A001', 'none', 'x')`).run();
    let n = 0;
    fc.assert(
      fc.property(comment, (text) => {
        // As the dispatcher hands it over: every request string through cleanIncomingText first.
        const stored = storedComment(cleanIncomingText(text));
        if (stored === null) return;
        const chars = Array.from(stored);
        expect(chars.length).toBeGreaterThanOrEqual(1);
        expect(chars.length).toBeLessThanOrEqual(RATING_COMMENT_MAX);
        expect(stored).not.toMatch(/\p{Cc}/u);
        expect(stored).toBe(stored.trim());
        expect(stored).not.toMatch(/\p{Nd}(?:[ .-]?\p{Nd}){8,}/u);
        expect(storedComment(stored)).toBe(stored);
        // The table's own CHECK agrees (length() counts what Array.from counts).
        n += 1;
        const row = { id: `r${n}`, subject: 'counter' as const, dossierId: null, ticketId: 't', overall: 1 as const, answers: [], comment: stored, ratedAt: 'x' };
        expect(insertRating(db, row)).toBe(true);
        db.prepare(`DELETE FROM ratings`).run();
      }),
      { numRuns: 300 },
    );
  });

  it('keeps an ordinary remark as it is, blanks ID and phone numbers however written, and drops a blank one', () => {
    expect(storedComment('  Cán bộ  rất\tnhiệt tình ')).toBe('Cán bộ rất nhiệt tình');
    expect(storedComment('CCCD001099012345, gọi 0912 345 678 hoặc +84.912.345.678')).toBe('CCCD#redacted#, gọi #redacted# hoặc #redacted#');
    expect(storedComment('Quầy số 12, chờ 45 phút')).toBe('Quầy số 12, chờ 45 phút');
    expect(storedComment(' \n\t ')).toBeNull();
    expect(storedComment(undefined)).toBeNull();
    expect(Array.from(storedComment('ệ'.repeat(400)) ?? '')).toHaveLength(RATING_COMMENT_MAX);
  });
});
