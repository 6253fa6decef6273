import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useCleanups } from '../fakes/cleanups';
import { createMemoryLogger } from '../../src-main/kernel/logger';
import { decodeVietQr } from '../../src-main/payment/vietqr';
import type { LookupResult } from '../../src-shared/dossier';
import type { StartedPayment } from '../../src-shared/payment';
import type { SyncStatus } from '../../src-shared/sync';
import { call, startKioskCore, submitLandDossier, until } from './core-harness';
import { enrolledClient, portalHoldings, startPortal } from './harness';
import { LAND } from '../unit/dossier/fixture';

/*
 * Official codes are numbered per agency (Circular 01/2018, Art. 19). The kiosk reserves a block
 * for every agency whose procedures it offers, so a land dossier (Land Registration Office,
 * 000.00.31.H29) submitted online gets that office's official code at once — never `TAM-…` — and
 * the receipt, the lookup, the VietQR transfer content and the portal all hold the same code.
 */

const { cleanups, tempDir } = useCleanups('official-codes-');
const LAND_AGENCY = '000.00.31.H29';
const WARD_AGENCY = '000.00.12.H29';

describe('official code blocks for every agency the kiosk offers', () => {
  it('gives an online land dossier the land office\'s official code on the receipt, the lookup, the QR and the portal', async () => {
    const { server, url } = await startPortal(tempDir());
    cleanups.push(() => server.close());
    const logger = createMemoryLogger();
    const core = await startKioskCore(tempDir(), url, { logger });
    cleanups.push(() => core.close());
    await until('enrolled and online', async () => {
      const s = await call<SyncStatus>(core, 'getSyncStatus');
      return s.enrolled && s.state === 'online' ? s : undefined;
    });
    const reservedFor = (agency: string) =>
      logger.lines.some((l) => l.message === 'official codes reserved for offline use' && l.fields?.agency === agency);
    await until('blocks for the ward and the land office', () => (reservedFor(WARD_AGENCY) && reservedFor(LAND_AGENCY) ? true : undefined));

    const outcome = await submitLandDossier(core);
    const code = outcome.receipt.code;
    expect(code).toMatch(new RegExp(`^${LAND_AGENCY.replace(/\./g, '\\.')}-\\d{6}-\\d{4}$`));
    expect(outcome.receipt.provisional).toBe(false);

    const lookup = await call<LookupResult>(core, 'lookupDossier', { code, idLast4: '2345' });
    expect(lookup).toMatchObject({ code, provisional: false });
    const started = await call<StartedPayment>(core, 'startPayment', { dossierId: outcome.receipt.dossierId });
    expect(started.reference).toBe(code);
    expect(decodeVietQr(started.qrPayload)).toMatchObject({ crcValid: true, purpose: code });

    // The portal accepts the reserved code as this terminal's and keeps it.
    const held = await until('the dossier on the portal', () =>
      portalHoldings(server).dossiers.find((d) => d.id === outcome.receipt.dossierId),
    );
    expect(held.code).toBe(code);
  }, 60_000);

  it('numbers a dossier the portal assigns a code to under its procedure\'s agency, and refuses a block for an agency the catalog lacks', async () => {
    const { server, url } = await startPortal(tempDir());
    cleanups.push(() => server.close());
    const { client, enrollment } = await enrolledClient(url, 'KIOSK-CODES');
    expect(enrollment.agencyCode).toBe(WARD_AGENCY);
    const day = new Date().toISOString().slice(0, 10);
    const land = await client.reserveDossierCodes(day, 2, 'codes-land-1', undefined, LAND_AGENCY);
    expect(land.agencyCode).toBe(LAND_AGENCY);
    expect(land.codes.every((c) => c.startsWith(`${LAND_AGENCY}-`))).toBe(true);
    expect((await client.reserveDossierCodes(day, 1, 'codes-own-1')).agencyCode).toBe(WARD_AGENCY);
    await expect(client.reserveDossierCodes(day, 1, 'codes-unknown-1', undefined, '999.99.99.H99')).rejects.toThrow(/unknown_agency/);

    // A dossier sent with a provisional code is numbered by the portal under the land office.
    const receipt = await client.submitDossier({
      dossierId: randomUUID(),
      provisionalCode: `TAM-KIOSK-CODES-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-0001`,
      procedureCode: LAND,
      receivedAt: new Date().toISOString(),
      receivedDay: day,
      channel: 2,
      applicant: { kind: 1, name: 'Nguyễn Văn An', idNumber: '001088012345' },
      formData: {},
      files: [],
    });
    expect(receipt.code).toMatch(new RegExp(`^${LAND_AGENCY.replace(/\./g, '\\.')}-\\d{6}-\\d{4}$`));
  });
});
