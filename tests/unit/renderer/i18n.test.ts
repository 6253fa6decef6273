import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from '../../../src-renderer/i18n/en.json';
import vi from '../../../src-renderer/i18n/vi.json';
import { findHardCodedText } from './jsx-text-scanner';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const rendererRoot = join(repoRoot, 'src-renderer');

/** Every leaf of a nested translation object as `dotted.key → value`. */
function leaves(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      for (const [k, v] of leaves(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  } else out.set(prefix, value);
  return out;
}

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(path);
    return entry.name.endsWith('.tsx') ? [path] : [];
  });
}

const interpolations = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();

describe('translations', () => {
  const viLeaves = leaves(vi);
  const enLeaves = leaves(en);

  it('has the same keys in Vietnamese and English', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...viLeaves.keys()].sort());
    expect(viLeaves.size).toBeGreaterThan(50);
  });

  it('has only non-empty strings', () => {
    for (const [language, map] of [['vi', viLeaves], ['en', enLeaves]] as const) {
      for (const [key, value] of map) {
        expect(typeof value, `${language}: ${key}`).toBe('string');
        expect(String(value).trim(), `${language}: ${key}`).not.toBe('');
      }
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const [key, value] of viLeaves) {
      expect(interpolations(String(enLeaves.get(key))), key).toEqual(interpolations(String(value)));
    }
  });

  it('has the wording the center asked for', () => {
    expect(vi.attract.touchToStart).toBe('Chạm vào màn hình để bắt đầu');
    expect(en.attract.touchToStart).toBe('Touch the screen to start');
    expect(vi.home.tiles.queue.title).toBe('Lấy số thứ tự');
    expect(vi.priority.title).toBe('Bạn có thuộc đối tượng ưu tiên không?');
    expect(vi.idle.title).toBe('Bạn vẫn đang sử dụng?');
    expect(vi.common.continue).toBe('Tiếp tục');
    expect(vi.storeError.title).toBe('Kiosk tạm ngừng phục vụ');
    expect(en.storeError.title).toBe('This kiosk is temporarily out of service');
    expect(vi.ticket.reprint).toBe('Thử in lại');
  });

  it('stores Vietnamese in NFC, as typed text and fonts expect', () => {
    for (const [key, value] of viLeaves) expect(String(value), key).toBe(String(value).normalize('NFC'));
  });
});

describe('the hard-coded text scanner', () => {
  it('catches text between tags', () => {
    const found = findHardCodedText('export const A = () => <p>Xin chào</p>;');
    expect(found).toEqual([{ file: 'sample.tsx', line: 1, text: 'Xin chào', where: 'text' }]);
  });

  it('catches text mixed with translated parts', () => {
    expect(findHardCodedText("const A = () => <p>{t('a')} Số {n}</p>;")).toHaveLength(1);
  });

  it('catches string literals as children', () => {
    expect(findHardCodedText("const A = () => <p>{'Không'}</p>;")).toHaveLength(1);
    expect(findHardCodedText("const A = () => <p>{ok ? 'Có' : t('no')}</p>;")).toHaveLength(1);
    expect(findHardCodedText('const A = () => <p>{`Done`}</p>;')).toHaveLength(1);
    expect(findHardCodedText("const A = () => <p>{name ?? 'Khách'}</p>;")).toHaveLength(1);
    expect(findHardCodedText("const A = () => <p>{busy && 'Đang in'}</p>;")).toHaveLength(1);
  });

  it('catches literal text attributes', () => {
    for (const attribute of ['aria-label', 'title', 'placeholder', 'alt']) {
      const found = findHardCodedText(`const A = () => <input ${attribute}="Họ và tên" />;`);
      expect(found, attribute).toHaveLength(1);
      expect(found[0]?.where).toBe('attribute');
    }
    expect(findHardCodedText("const A = () => <img alt={'Logo'} />;")).toHaveLength(1);
  });

  it('allows translated text, punctuation, numbers and non-text attributes', () => {
    const source = `
      const A = () => (
        <div className="tile" data-testid="screen-home" lang="vi">
          <p>{t('home.title')}</p>
          <p aria-label={t('common.back')} title={name}>{count}</p>
          <span> — </span>
          <span>: 1/2 (%)</span>
          {/* a comment is not text */}
          {screen.name !== 'attract' && <Header />}
          {mode === 'staff' ? <Staff /> : null}
          <svg viewBox="0 0 64 64"><path d="M0 0 L64 64" /></svg>
        </div>
      );`;
    expect(findHardCodedText(source)).toEqual([]);
  });

  it('does not mistake TypeScript generics or comparisons for JSX text', () => {
    const source = 'const f = <T,>(a: T): T => a; const g = (a: number, b: number) => a < b && b > a;';
    expect(findHardCodedText(source)).toEqual([]);
  });

  it('finds no hard-coded text in any renderer component', () => {
    const files = tsxFiles(rendererRoot);
    expect(files.length).toBeGreaterThan(10);
    const found = files.flatMap((file) => findHardCodedText(readFileSync(file, 'utf8'), relative(repoRoot, file)));
    expect(found).toEqual([]);
  });
});
