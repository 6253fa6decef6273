import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateSyntheticCatalog } from '../../src-main/catalog/synthetic-catalog';
import { CatalogDocumentSchema, type CatalogDocument } from '../../src-shared/catalog';
import { foldVietnamese } from '../../src-shared/text';

const DEMO_PATH = fileURLToPath(new URL('../../assets/demo-catalog.json', import.meta.url));
const rawDemo: unknown = JSON.parse(readFileSync(DEMO_PATH, 'utf8'));
const ICONS = new Set(['land', 'family', 'stamp', 'shop', 'building', 'people', 'scale', 'car', 'briefcase', 'school', 'health', 'document']);

const fold = foldVietnamese;

/** Every string in a JSON value, keys included. */
function collectStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, out);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      collectStrings(item, out);
    }
  }
  return out;
}

function checkIntegrity(catalog: CatalogDocument): void {
  const fieldCodes = new Set(catalog.fields.map((f) => f.code));
  const agencyCodes = new Set(catalog.agencies.map((a) => a.code));
  expect(fieldCodes.size).toBe(catalog.fields.length);
  expect(agencyCodes.size).toBe(catalog.agencies.length);
  for (const a of catalog.agencies) expect(a.code).toMatch(/^[0-9A-Z.]{1,35}$/);
  const codes = new Set<string>();
  for (const p of catalog.procedures) {
    expect(codes.has(p.code), `duplicate code ${p.code}`).toBe(false);
    codes.add(p.code);
    expect(fieldCodes.has(p.fieldCode), `${p.code}: unknown field ${p.fieldCode}`).toBe(true);
    expect(agencyCodes.has(p.agencyCode), `${p.code}: unknown agency ${p.agencyCode}`).toBe(true);
    const docIds = p.documents.map((d) => d.id);
    expect(new Set(docIds).size, `${p.code}: duplicate document ids`).toBe(docIds.length);
    const formIds = p.formFields.map((f) => f.id);
    expect(new Set(formIds).size, `${p.code}: duplicate form field ids`).toBe(formIds.length);
    for (const f of p.formFields) {
      if (f.pattern !== undefined) expect(() => new RegExp(f.pattern!, 'u'), `${p.code}.${f.id}: pattern`).not.toThrow();
      if (f.type === 'select') expect(f.options?.length ?? 0, `${p.code}.${f.id}: options`).toBeGreaterThan(0);
    }
  }
}

describe('demo catalog (assets/demo-catalog.json)', () => {
  const parsed = CatalogDocumentSchema.safeParse(rawDemo);

  it('parses with CatalogDocumentSchema', () => {
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 5), null, 2)).toBe(true);
  });

  const demo = parsed.success ? parsed.data : (rawDemo as CatalogDocument);

  it('is marked as a demo publication', () => {
    expect(demo.demo).toBe(true);
    expect(demo.schemaVersion).toBe(1);
    expect(demo.version).toBe('2026.11-demo.1');
    expect(Number.isNaN(Date.parse(demo.publishedAt))).toBe(false);
  });

  it('has at least 45 procedures over at least 8 fields actually used, 10+ fields and 4–6 agencies', () => {
    expect(demo.procedures.length).toBeGreaterThanOrEqual(45);
    expect(new Set(demo.procedures.map((p) => p.fieldCode)).size).toBeGreaterThanOrEqual(8);
    expect(demo.fields.length).toBeGreaterThanOrEqual(10);
    expect(demo.agencies.length).toBeGreaterThanOrEqual(4);
    expect(demo.agencies.length).toBeLessThanOrEqual(6);
    for (const f of demo.fields) expect(ICONS.has(f.icon), `${f.code}: icon ${f.icon}`).toBe(true);
  });

  it('is internally consistent: known fields and agencies, unique codes and ids', () => {
    checkIntegrity(demo);
  });

  it('gives each procedure 2–6 documents and 2–8 form fields, some paper-only documents and mixed levels', () => {
    for (const p of demo.procedures) {
      expect(p.documents.length, p.code).toBeGreaterThanOrEqual(2);
      expect(p.documents.length, p.code).toBeLessThanOrEqual(6);
      expect(p.formFields.length, p.code).toBeGreaterThanOrEqual(2);
      expect(p.formFields.length, p.code).toBeLessThanOrEqual(8);
      expect(p.processingDays, p.code).toBeLessThanOrEqual(30);
    }
    expect(demo.procedures.some((p) => p.documents.some((d) => !d.acceptScan))).toBe(true);
    expect(new Set(demo.procedures.map((p) => p.level))).toEqual(new Set(['information', 'partly_online', 'fully_online']));
    expect(demo.procedures.some((p) => p.fees.some((f) => f.amountVnd === 1_250_000))).toBe(true);
    expect(demo.procedures.some((p) => p.formFields.some((f) => f.prefill === 'cccd.fullName'))).toBe(true);
  });

  it('stores every string (keys included) in Unicode NFC', () => {
    const strings = collectStrings(rawDemo);
    expect(strings.length).toBeGreaterThan(1000);
    const notNfc = strings.filter((s) => s !== s.normalize('NFC'));
    expect(notNfc).toEqual([]);
  });

  const mustInclude: { what: string; all: string[]; code?: string }[] = [
    { what: 'land change registration', all: ['dang ky bien dong', 'quyen su dung dat', 'tai san gan lien voi dat'] },
    { what: 'land certificate renewal (sổ đỏ)', all: ['cap doi giay chung nhan quyen su dung dat', 'so do'] },
    { what: 'birth registration', all: ['dang ky khai sinh'], code: '1.001193' },
    { what: 'marriage registration', all: ['dang ky ket hon'] },
    { what: 'death registration', all: ['dang ky khai tu'] },
    { what: 'certified copies from originals', all: ['chung thuc ban sao tu ban chinh'] },
    { what: 'signature certification', all: ['chung thuc chu ky'] },
    { what: 'household business registration', all: ['dang ky', 'ho kinh doanh'] },
    { what: 'construction permit for individual houses', all: ['cap giay phep xay dung', 'nha o rieng le'] },
    { what: 'monthly social allowance', all: ['tro cap xa hoi hang thang'] },
    { what: 'criminal record certificate', all: ['cap phieu ly lich tu phap'] },
  ];
  it.each(mustInclude)('includes: $what', ({ all, code }) => {
    const hits = demo.procedures.filter((p) => {
      const name = fold(p.name.vi);
      return all.every((needle) => name.includes(needle));
    });
    expect(hits.length).toBeGreaterThan(0);
    if (code) expect(hits.map((p) => p.code)).toContain(code);
  });

  it('finds the sổ đỏ renewal when a citizen types "so do" without tone marks', () => {
    const hits = demo.procedures.filter((p) => fold(p.name.vi).includes('so do'));
    expect(hits.map((p) => fold(p.name.vi)).some((n) => n.startsWith('cap doi'))).toBe(true);
  });
});

describe('synthetic catalog generator', () => {
  it('builds 5,000 procedures that parse, with unique codes, over 12 fields', () => {
    const started = performance.now();
    const catalog = generateSyntheticCatalog(5000);
    expect(performance.now() - started).toBeLessThan(5000);
    const parsed = CatalogDocumentSchema.safeParse(catalog);
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 5), null, 2)).toBe(true);
    expect(catalog.demo).toBe(true);
    expect(catalog.procedures).toHaveLength(5000);
    expect(new Set(catalog.procedures.map((p) => p.code)).size).toBe(5000);
    for (const p of catalog.procedures) expect(p.code).toMatch(/^[12]\.0[01]\d{4}$/);
    expect(catalog.fields).toHaveLength(12);
    expect(new Set(catalog.procedures.map((p) => p.fieldCode)).size).toBe(12);
    checkIntegrity(catalog);
    // Realistic Vietnamese: names carry tone marks and đ, and are NFC.
    expect(catalog.procedures.filter((p) => p.name.vi !== fold(p.name.vi)).length).toBe(5000);
    expect(catalog.procedures.some((p) => p.name.vi.includes('Đ') || p.name.vi.includes('đ'))).toBe(true);
    expect(collectStrings(catalog).every((s) => s === s.normalize('NFC'))).toBe(true);
    expect(new Set(catalog.procedures.map((p) => p.name.vi)).size).toBe(5000);
  });

  it('is deterministic: same seed gives the same JSON, another seed does not', () => {
    const a = JSON.stringify(generateSyntheticCatalog(5000, 7));
    const b = JSON.stringify(generateSyntheticCatalog(5000, 7));
    expect(a).toBe(b);
    expect(JSON.stringify(generateSyntheticCatalog(5000, 8))).not.toBe(a);
    expect(JSON.stringify(generateSyntheticCatalog(300))).toBe(JSON.stringify(generateSyntheticCatalog(300, 1)));
  });

  it('keeps codes unique beyond the name space and rejects impossible counts', () => {
    const big = generateSyntheticCatalog(40_000, 3);
    expect(new Set(big.procedures.map((p) => p.code)).size).toBe(40_000);
    expect(CatalogDocumentSchema.safeParse(big).success).toBe(true);
    expect(generateSyntheticCatalog(0).procedures).toEqual([]);
    expect(() => generateSyntheticCatalog(-1)).toThrow(RangeError);
    expect(() => generateSyntheticCatalog(1.5)).toThrow(RangeError);
  });
});
