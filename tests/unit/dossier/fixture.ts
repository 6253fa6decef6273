import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import type { Database } from 'better-sqlite3';
import { createMemoryLogger } from '../../../src-main/kernel/logger';
import { assetsDir } from '../../../src-main/app/paths';
import { parseCatalog } from '../../../src-main/catalog/catalog-import';
import { importCatalog } from '../../../src-main/catalog/catalog-repository';
import { openDatabase } from '../../../src-main/db/open-database';
import type { StoreFs } from '../../../src-main/dossier/content-store';
import { createDossierService } from '../../../src-main/dossier/create-dossier-service';
import { VirtualPrinter } from '../../../src-main/devices/virtual/virtual-printer';
import type { DossierDraft } from '../../../src-shared/dossier';
import type { Language } from '../../../src-shared/dto';
import { demoConfig } from '../../fakes/demo-config';
import { FixedClock } from '../../fakes/fixed-clock';

export const LAND = '1.013831';

/** A store with the demo catalog, the dossier service and the virtual printer on a temp folder. */
export function dossierFixture(dataDir: string, options: { fs?: StoreFs; clock?: FixedClock; config?: unknown } = {}) {
  const clock = options.clock ?? new FixedClock(new Date('2026-11-23T02:15:00Z')); // Monday 09:15 in Hà Nội
  const db: Database = openDatabase(join(dataDir, 'kiosk.sqlite3'));
  importCatalog(db, parseCatalog(JSON.parse(readFileSync(join(assetsDir(), 'demo-catalog.json'), 'utf8'))), clock.now());
  const printer = new VirtualPrinter(576, join(dataDir, 'prints'), clock);
  const logger = createMemoryLogger();
  const config = demoConfig(options.config ?? {});
  const service = createDossierService(db, dataDir, config, printer, clock, logger, options.fs);
  return { db, service, printer, clock, logger, config };
}

/** A small page image that differs per label (a scanned page stand-in). */
export function pagePng(label: string): Uint8Array {
  const canvas = createCanvas(240, 320);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, 240, 320);
  ctx.fillStyle = '#000';
  ctx.font = '24px sans-serif';
  ctx.fillText(label, 20, 60);
  return canvas.toBuffer('image/png');
}

/** A complete draft for the land-change procedure, delivered by post. */
export function landDraft(sessionId: string, pageIds: string[][], language: Language = 'vi'): DossierDraft {
  const [p1 = [], p2 = [], p3 = []] = pageIds;
  return {
    sessionId,
    procedureCode: LAND,
    language,
    applicant: {
      fullName: 'Nguyễn Thị Thu Hương',
      idNumber: '001190012345',
      birthDate: '1990-05-17',
      sex: 'female',
      address: 'Số 12 ngõ 34 phố Đội Cấn, phường Ngọc Hà, Hà Nội',
      source: 'cccd_qr',
    },
    representative: null,
    contact: { phone: '+84 912 345 678', email: null },
    formValues: {
      applicantName: 'Nguyễn Thị Thu Hương',
      applicantIdNumber: '001190012345',
      applicantAddress: 'Số 12 ngõ 34 phố Đội Cấn, phường Ngọc Hà, Hà Nội',
      phone: '0912345678',
      changeType: 'chuyen-nhuong',
      certificateSerial: 'CS 123456',
      parcelNumber: '125',
      mapSheetNumber: '17',
    },
    documents: [
      { documentId: 'don-dang-ky-bien-dong', kind: 'scanned', pageIds: p1 },
      { documentId: 'ban-goc-giay-chung-nhan', kind: 'paper_at_counter' },
      { documentId: 'hop-dong-chuyen-quyen', kind: 'scanned', pageIds: p2 },
      { documentId: 'to-khai-le-phi-truoc-ba', kind: 'scanned', pageIds: p3 },
    ],
    delivery: { method: 'post', postalAddress: 'Số 12 ngõ 34 phố Đội Cấn, Ba Đình, Hà Nội' },
    consent: { textVersion: 'nd13-2026-01', agreed: true },
  };
}
