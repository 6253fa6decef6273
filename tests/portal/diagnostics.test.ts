import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';
import { migratePortal } from '../../src-portal/db/migration';
import { portalMigrations } from '../../src-portal/db/migrations';
import { send, usePortals } from './harness';

const startPortal = usePortals();

/** A small real zip, as a kiosk's log export is. */
function smallZip(): Promise<Buffer> {
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from('{"terminalId":"KIOSK-01"}\n'), 'diagnostics.json');
  zip.end();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

describe('POST /v1/terminals/{terminalId}/diagnostics on the reference portal', () => {
  it('keeps the zip as a plain file with a row, answers as the spec says, and lists it on the admin page', async () => {
    const { url, portal, enroll, admin } = await startPortal();
    const credential = await enroll('KIOSK-01');
    const zip = await smallZip();
    const path = '/v1/terminals/KIOSK-01/diagnostics';
    const answer = await send(url, 'POST', path, { authorization: `Bearer ${credential}`, 'content-type': 'application/zip' }, zip, true);
    expect(answer.status).toBe(201);
    const { id, bytes } = answer.json as { id: string; bytes: number };
    expect(bytes).toBe(zip.length);
    expect(readFileSync(join(portal.config.dataDir, 'diagnostics', `${id}.zip`)).equals(zip)).toBe(true);
    const state = (await admin('GET', '/admin/state')).json as { diagnostics: { id: string; terminalId: string }[] };
    expect(state.diagnostics).toEqual([expect.objectContaining({ id, terminalId: 'KIOSK-01', bytes: zip.length })]);
    expect((await admin('GET', '/admin')).text).toContain(`/admin/diagnostics/${id}`);
    // The Fleet page lists it with its terminal (issue #19).
    const fleet = (await admin('GET', '/admin/fleet/state')).json as { id: string; diagnostics: { id: string }[] }[];
    expect(fleet.find((t) => t.id === 'KIOSK-01')?.diagnostics.map((d) => d.id)).toEqual([id]);
    expect((await admin('GET', '/admin/fleet')).text).toContain(`/admin/diagnostics/${id}`);
  });

  it('refuses another terminal’s path, a body that is not a zip, another media type, and no credential', async () => {
    const { url, enroll } = await startPortal();
    const credential = await enroll('KIOSK-01');
    await enroll('KIOSK-02');
    const auth = { authorization: `Bearer ${credential}` };
    const zip = await smallZip();
    expect((await send(url, 'POST', '/v1/terminals/KIOSK-02/diagnostics', { ...auth, 'content-type': 'application/zip' }, zip, true)).status).toBe(404);
    expect((await send(url, 'POST', '/v1/terminals/KIOSK-01/diagnostics', { ...auth, 'content-type': 'application/zip' }, Buffer.from('<html>'), true)).status).toBe(400);
    expect((await send(url, 'POST', '/v1/terminals/KIOSK-01/diagnostics', { ...auth, 'content-type': 'text/html' }, zip, true)).status).toBe(415);
    expect((await send(url, 'POST', '/v1/terminals/KIOSK-01/diagnostics', { 'content-type': 'application/zip' }, zip, true)).status).toBe(401);
  });

  it('migration 6 adds terminal_diagnostics; rows need their terminal', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migratePortal(db, portalMigrations);
    const insert = db.prepare(`INSERT INTO terminal_diagnostics (id, terminal_id, received_at, bytes, sha256) VALUES ('d1', 'nobody', '2026-12-06T00:00:00Z', 1, 'x')`);
    expect(() => insert.run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
