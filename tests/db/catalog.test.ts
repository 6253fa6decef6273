import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogDocument } from '../../src-shared/catalog';
import { createMemoryLogger } from '../../src-main/kernel/logger';
import { assetsDir } from '../../src-main/app/paths';
import { CatalogService } from '../../src-main/catalog/catalog-service';
import { openDatabase } from '../../src-main/db/open-database';
import { countBlackDots } from '../../src-main/devices/printer/mono-bitmap';
import { VirtualPrinter } from '../../src-main/devices/virtual/virtual-printer';
import { demoConfig } from '../fakes/demo-config';
import { FixedClock } from '../fakes/fixed-clock';
import { useTempDirs } from '../fakes/temp-dir';

const tempDir = useTempDirs();
const demo = JSON.parse(readFileSync(join(assetsDir(), 'demo-catalog.json'), 'utf8')) as CatalogDocument;

function setup() {
  const dir = tempDir();
  const clock = new FixedClock(new Date('2026-11-23T02:00:00Z'));
  const db = openDatabase(join(dir, 'kiosk.sqlite3'));
  const printer = new VirtualPrinter(576, join(dir, 'prints'), clock);
  const catalog = new CatalogService(db, demoConfig(), printer, clock, createMemoryLogger());
  return { db, printer, catalog };
}

const names = (r: { results: { name: { vi: string } }[] }) => r.results.map((p) => p.name.vi);

describe('catalog import', () => {
  it('imports the demo catalog and reports its version', () => {
    const { catalog } = setup();
    const info = catalog.importDocument(demo);
    expect(info).toMatchObject({ state: 'loaded', version: demo.version, demo: true, procedureCount: demo.procedures.length });
    expect(catalog.fields().length).toBeGreaterThanOrEqual(8);
  });

  it('rejects a broken document atomically, naming the procedure and the field', () => {
    const { catalog } = setup();
    catalog.importDocument(demo);
    const broken = structuredClone(demo);
    const victim = broken.procedures[3]!;
    (victim as { processingDays: unknown }).processingDays = 'mười';
    broken.version = 'broken';
    expect(() => catalog.importDocument(broken)).toThrow(new RegExp(`procedure ${victim.code.replace(/\./g, '\\.')}, processingDays`));
    expect(catalog.info()).toMatchObject({ version: demo.version, procedureCount: demo.procedures.length });
  });

  it('rejects references to unknown fields and duplicate codes, changing nothing', () => {
    const { catalog } = setup();
    const broken = structuredClone(demo);
    broken.procedures[0]!.fieldCode = 'khong-ton-tai';
    broken.procedures[2]!.code = broken.procedures[1]!.code;
    expect(() => catalog.importDocument(broken)).toThrow(/fieldCode: unknown field "khong-ton-tai"[\s\S]*appears twice/);
    expect(catalog.info()).toEqual({ state: 'empty' });
  });

  it('stores text as NFC even when the file is NFD', () => {
    const { catalog, db } = setup();
    const nfd = JSON.parse(JSON.stringify(demo).normalize('NFD')) as CatalogDocument;
    catalog.importDocument(nfd);
    const row = db.prepare(`SELECT name_vi FROM procedures LIMIT 1`).get() as { name_vi: string };
    expect(row.name_vi).toBe(row.name_vi.normalize('NFC'));
  });
});

describe('catalog search', () => {
  const { catalog } = setup();
  beforeAll(() => {
    catalog.importDocument(demo);
  });

  it('finds birth registration with or without tone marks, in any case, with extra spaces', () => {
    for (const q of ['dang ky khai sinh', 'Đăng ký khai sinh', '  ĐĂNG   KÝ  KHAI SINH ', 'đăng ký khai sinh'.normalize('NFD')]) {
      expect(names(catalog.search(q))[0], q).toMatch(/^Đăng ký khai sinh/);
    }
  });

  it('finds the land procedures for "dat dai" and the red book for "so do"', () => {
    const land = catalog.search('dat dai');
    expect(land.results.length).toBeGreaterThanOrEqual(2);
    expect(land.results.every((p) => p.fieldCode === 'dat-dai' || /đất đai/i.test(p.name.vi))).toBe(true);
    expect(names(catalog.search('so do'))).toContainEqual(expect.stringMatching(/sổ đỏ/));
  });

  it('puts certification first for "chung thuc" and matches word prefixes as the citizen types', () => {
    expect(names(catalog.search('chung thuc'))[0]).toMatch(/^Chứng thực/);
    expect(names(catalog.search('chung th'))[0]).toMatch(/^Chứng thực/);
    expect(names(catalog.search('ket ho'))).toContainEqual(expect.stringMatching(/kết hôn/));
  });

  it('goes straight to a procedure by its exact code', () => {
    const code = demo.procedures[5]!.code;
    expect(catalog.search(code)).toEqual({ match: 'exact-code', results: [expect.objectContaining({ code })] });
  });

  it('tolerates one typo when nothing matches exactly', () => {
    const r = catalog.search('dang ky kahi sinh');
    expect(r.match).toBe('corrected');
    expect(names(r)[0]).toMatch(/khai sinh/);
    expect(names(catalog.search('chun thuc'))[0]).toMatch(/^Chứng thực/);
    expect(catalog.search('xqzw').match).toBe('none');
  });

  it('handles hostile input without error', () => {
    for (const q of ['', '   ', '"', '*', 'NEAR(', 'a OR b', 'đất" OR "x', '😀🏠', '\u0000\u0007\u001b', 'x'.repeat(10_000), 'dat dai '.repeat(2000), '%_\\']) {
      expect(() => catalog.search(q)).not.toThrow();
    }
  });

  it('prints a checklist that the virtual printer decodes into a long, non-blank slip', async () => {
    const { catalog: c, printer } = setup();
    c.importDocument(demo);
    const outcome = await c.printChecklist(demo.procedures[0]!.code, 'vi');
    expect(outcome).toEqual({ printed: true, printError: null });
    const page = printer.lastPrint()!.job.pages[0]!;
    expect(page.height).toBeGreaterThan(800);
    expect(countBlackDots(page)).toBeGreaterThan(page.width * page.height * 0.02);
  });
});
