// The process the chaos test kills: submits dossiers with 3 scanned pages in a loop against a
// real SQLite file, printing `OK <id>` after each commit. Argv: <data dir> <catalog json>.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { parseCatalog } from '../../src-main/catalog/catalog-import';
import { importCatalog } from '../../src-main/catalog/catalog-repository';
import { getCatalogInfo, getProcedure } from '../../src-main/catalog/catalog-repository';
import { openDatabase } from '../../src-main/db/open-database';
import { ContentStore } from '../../src-main/dossier/content-store';
import { referencedFiles } from '../../src-main/dossier/dossier-repository';
import { submitDurably } from '../../src-main/dossier/dossier-submit';
import { validateDraft } from '../../src-main/dossier/draft-validation';
import { PageStaging } from '../../src-main/dossier/page-staging';
import type { DossierDraft } from '../../src-shared/dossier';

const [dataDir = '', catalogFile = ''] = process.argv.slice(2);
const db = openDatabase(join(dataDir, 'kiosk.sqlite3'));
if (getCatalogInfo(db).state === 'empty') importCatalog(db, parseCatalog(JSON.parse(fs.readFileSync(catalogFile, 'utf8'))), new Date());
const root = join(dataDir, 'files');
const store = new ContentStore(root, fs);
const staging = new PageStaging(root, fs, store, Date.now);
staging.sweep();
const referenced = referencedFiles(db);
store.sweep((sha) => referenced.has(sha));
const procedure = getProcedure(db, '1.013831');
if (!procedure) throw new Error('demo catalog without 1.013831');
process.stdout.write('READY\n');

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const page = () => Buffer.concat([PNG, randomBytes(30_000 + Math.floor(Math.random() * 90_000))]);

for (;;) {
  const sessionId = staging.begin(procedure.code);
  const ids = [0, 1, 2].map(() => staging.stage(sessionId, page()).pageId);
  const draft: DossierDraft = {
    sessionId,
    procedureCode: procedure.code,
    language: 'vi',
    applicant: { fullName: 'Trần Văn Bình', idNumber: '001085009876', birthDate: null, sex: null, address: 'Hà Nội', source: 'typed' },
    representative: null,
    contact: { phone: null, email: null },
    formValues: {
      applicantName: 'Trần Văn Bình', applicantIdNumber: '001085009876', applicantAddress: 'Hà Nội', phone: '0987654321',
      changeType: 'thua-ke', certificateSerial: 'AB 123456', parcelNumber: '1', mapSheetNumber: '2',
    },
    documents: [
      { documentId: 'don-dang-ky-bien-dong', kind: 'scanned', pageIds: [ids[0] ?? ''] },
      { documentId: 'ban-goc-giay-chung-nhan', kind: 'paper_at_counter' },
      { documentId: 'hop-dong-chuyen-quyen', kind: 'scanned', pageIds: [ids[1] ?? ''] },
      { documentId: 'to-khai-le-phi-truoc-ba', kind: 'scanned', pageIds: [ids[2] ?? ''] },
    ],
    delivery: { method: 'at_center', postalAddress: null },
    consent: { textVersion: 'chaos', agreed: true },
  };
  const now = new Date();
  const { problems, clean } = validateDraft(draft, procedure, now.toISOString().slice(0, 10), (id) => staging.page(sessionId, id) !== undefined);
  if (problems.length > 0) throw new Error(JSON.stringify(problems));
  submitDurably(
    { db, store, staging, fs },
    { dossierId: sessionId, draft, clean, procedure, terminalId: 'CHAOS-1', receivedAt: now, receivedDay: now.toISOString().slice(0, 10), appointmentAt: now },
  );
  process.stdout.write(`OK ${sessionId}\n`);
}
