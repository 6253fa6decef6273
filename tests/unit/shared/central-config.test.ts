import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CENTRAL_CONFIG_SCHEMA_VERSION,
  CentralConfigSchema,
  QueueConfigSchema,
  centralSettings,
  mergeCentralConfig,
  migrateCentralConfig,
} from '../../../src-shared/central-config';
import { ConfigSchema, mergeConfig, parseConfig } from '../../../src-main/app/config';
import { demoConfig } from '../../fakes/demo-config';

const service = (id: string, prefix: string, vi = `Dịch vụ ${id}`) => ({
  id,
  prefix,
  icon: 'land',
  name: { vi, en: `Service ${id}` },
  description: { vi: 'Mô tả', en: 'Description' },
});

const problemsOf = (raw: unknown): string[] => {
  const r = migrateCentralConfig(raw);
  return r.ok ? [] : r.problems;
};

describe('the central configuration schema (shared by portal and kiosk)', () => {
  it('accepts the safe parts and nothing else', () => {
    const doc = {
      schemaVersion: 2,
      center: { name: { vi: 'Trung tâm mới', en: 'New center' } },
      queue: { services: [service('dat-dai', 'A')] },
      printer: { header: 'Xin chào', footer: 'Hotline 1900' },
      idle: { timeoutSeconds: 90 },
      privacy: { retentionHours: 12 },
      payment: { vietqr: { bankBin: '970436', accountNumber: '0011001234567', accountName: 'TRUNG TAM' } },
    };
    const r = migrateCentralConfig(doc);
    expect(r.ok).toBe(true);
    // Defaults of the local schema (idle.warningSeconds…) are not filled in: a document sets only what it says.
    expect(r.ok && r.document.idle).toEqual({ timeoutSeconds: 90 });
  });

  it('names each unknown key and each wrong type, with the field path', () => {
    const problems = problemsOf({
      schemaVersion: 2,
      devices: { scanner: { driver: 'hid' } },
      sync: { portalUrl: 'https://evil.example' },
      terminal: { id: 'X' },
      idle: { timeoutSeconds: 'sixty', warningSeconds: 5 },
      queue: { services: [{ ...service('a', 'A'), color: 'red' }] },
      payment: { vietqr: { bankBin: '12', accountNumber: '1', accountName: 'A', pin: '1234' } },
    });
    const text = problems.join('\n');
    expect(text).toMatch(/\(root\): Unrecognized keys?: .*"devices".*not centrally settable/);
    expect(text).toMatch(/"sync"/);
    expect(text).toMatch(/"terminal"/);
    expect(text).toMatch(/idle\.timeoutSeconds: .*number/);
    expect(text).toMatch(/idle\.warningSeconds: .*20/);
    expect(text).toMatch(/queue\.services\.0: Unrecognized key: "color"/);
    expect(text).toMatch(/payment\.vietqr\.bankBin: 6 digits/);
    expect(text).toMatch(/payment\.vietqr: Unrecognized key: "pin"/);
  });

  it('refuses a document that is not an object, has no version, or is newer than this code', () => {
    expect(problemsOf([])).toEqual(['(root): expected a JSON object']);
    expect(problemsOf({ idle: {} })).toEqual([`schemaVersion: expected a whole number from 1 to ${CENTRAL_CONFIG_SCHEMA_VERSION}`]);
    expect(problemsOf({ schemaVersion: 1.5 })[0]).toMatch(/^schemaVersion: expected a whole number/);
    expect(problemsOf({ schemaVersion: CENTRAL_CONFIG_SCHEMA_VERSION + 1 })).toEqual([
      `schemaVersion: ${CENTRAL_CONFIG_SCHEMA_VERSION + 1} is newer than this kiosk understands (${CENTRAL_CONFIG_SCHEMA_VERSION}); update the kiosk`,
    ]);
  });

  it('upgrades a version 1 document (flat keys) to the current format', () => {
    const r = migrateCentralConfig({
      schemaVersion: 1,
      services: [service('ho-tich', 'B')],
      texts: { ticketHeader: 'Đầu phiếu', ticketFooter: 'Cuối phiếu' },
      retentionHours: 6,
      paymentAccount: null,
      idle: { timeoutSeconds: 45 },
    });
    expect(r).toEqual({
      ok: true,
      document: {
        schemaVersion: 2,
        queue: { services: [{ ...service('ho-tich', 'B'), start: 1, digits: 3 }] },
        printer: { header: 'Đầu phiếu', footer: 'Cuối phiếu' },
        privacy: { retentionHours: 6 },
        payment: { vietqr: null },
        idle: { timeoutSeconds: 45 },
      },
    });
    // A version 1 document's unknown keys are still named after the upgrade.
    expect(problemsOf({ schemaVersion: 1, texts: { ticketHeader: 'a', banner: 'b' } }).join()).toMatch(/printer: Unrecognized key: "banner"/);
  });

  it('merges a terminal document over the center-wide one: objects key by key, the services list whole', () => {
    const center = CentralConfigSchema.parse({ schemaVersion: 2, queue: { services: [service('a', 'A'), service('b', 'B')] }, idle: { timeoutSeconds: 60, warningSeconds: 30 } });
    const own = CentralConfigSchema.parse({ schemaVersion: 2, queue: { services: [service('c', 'C')] }, idle: { timeoutSeconds: 120 } });
    const merged = mergeCentralConfig(center, own);
    expect(merged.queue?.services.map((s) => s.id)).toEqual(['c']);
    expect(merged.idle).toEqual({ timeoutSeconds: 120, warningSeconds: 30 });
  });

  it('is the very schema the kiosk config uses for its services, so both name a bad service alike', () => {
    expect(ConfigSchema.shape.queue).toBe(QueueConfigSchema);
    const bad = { services: [service('a', 'A'), service('b', 'A')] };
    expect(problemsOf({ schemaVersion: 2, queue: bad }).join()).toMatch(/queue\.services: service prefixes must be unique/);
    expect(() => parseConfig(mergeConfig(demoConfig(), { queue: bad }), 'test')).toThrow(/queue\.services: service prefixes must be unique/);
  });

  it('laid over a kiosk config, a good document changes only centrally settable values', () => {
    const local = demoConfig();
    const doc = CentralConfigSchema.parse({ schemaVersion: 2, idle: { timeoutSeconds: 200 }, printer: { footer: 'Mới' } });
    const next = parseConfig(mergeConfig(local, centralSettings(doc)), 'test');
    expect(next.idle.timeoutSeconds).toBe(200);
    expect(next.printer.footer).toBe('Mới');
    expect({ ...next, idle: local.idle, printer: local.printer }).toEqual(local);
  });

  it('property: any key outside the safe parts, at the top or inside a part, is refused and named', () => {
    const safe = new Set(['schemaVersion', 'center', 'queue', 'printer', 'idle', 'privacy', 'payment']);
    const key = fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !safe.has(k) && k !== '__proto__');
    fc.assert(
      fc.property(key, fc.jsonValue(), fc.constantFrom('top', 'idle', 'printer', 'privacy'), (k, value, where) => {
        const doc: Record<string, unknown> = { schemaVersion: 2 };
        if (where === 'top') doc[k] = value;
        else doc[where] = { [k]: value };
        if (where !== 'top' && ['timeoutSeconds', 'warningSeconds', 'ticketDisplaySeconds', 'header', 'footer', 'retentionHours'].includes(k)) return;
        const problems = problemsOf(doc);
        expect(problems.length).toBeGreaterThan(0);
        expect(problems.join()).toContain(`"${k}"`);
      }),
      { numRuns: 200 },
    );
  });
});
