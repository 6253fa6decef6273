import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RawPage } from '../../../src-main/devices/docscan/raw-page';
import { DocumentScanError } from '../../../src-main/devices/docscan/scan-errors';
import { SANE_FIXTURES, saneScanner } from './sane-harness';

const collect = () => {
  const pages: RawPage[] = [];
  return { pages, onPage: async (page: RawPage) => (pages.push(page), 'continue' as const) };
};

const failureOf = async (promise: Promise<unknown>): Promise<DocumentScanError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DocumentScanError);
  return error as DocumentScanError;
};

/** A process that still runs; a zombie waiting for a reaper has stopped. */
const running = (pid: number): boolean => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

// scanimage on the test backend hangs closing the device after about one batch in five with an
// empty feeder (seen here 10 times in 70 runs); the driver now ends it a second after it said its
// batch is over (the test below). The retry stays for stalls of an outside program on a loaded
// CI machine; a real regression still fails every try.
describe('SANE scanner on the test backend', { retry: 2 }, () => {
  it('lists the test device through the project’s SANE_CONFIG_DIR', async () => {
    const { scanner } = saneScanner();
    expect(await scanner.listDevices()).toEqual([{ name: 'test:0', description: expect.stringContaining('frontend-tester') }]);
    expect((await scanner.refreshHealth()).state).toBe('ok');
  });

  it('scans one grey A4 page from the glass at the requested resolution', async () => {
    const { scanner, tempDir } = saneScanner();
    const { pages, onPage } = collect();
    expect(await scanner.scan({ resolution: 100, mode: 'gray', source: 'flatbed', maxPages: 50 }, undefined, onPage)).toBe(1);
    expect(pages).toHaveLength(1);
    // 210 × 297 mm at 100 dpi (the backend rounds the width down)
    expect(pages[0]).toMatchObject({ height: 1169, channels: 1, dpi: 100 });
    expect(pages[0]?.width).toBeGreaterThanOrEqual(826);
    expect(pages[0]?.width).toBeLessThanOrEqual(827);
    expect(new Set(pages[0]?.data).size).toBeGreaterThan(1); // the colour pattern, not a blank page
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('scans colour', async () => {
    const { scanner } = saneScanner();
    const { pages, onPage } = collect();
    await scanner.scan({ resolution: 50, mode: 'color', source: 'flatbed', maxPages: 1 }, undefined, onPage);
    const page = pages[0];
    expect(page).toMatchObject({ channels: 3, height: 584 });
    expect(page?.data.length).toBe((page?.width ?? 0) * 584 * 3);
    // Colour pattern: some pixels differ between channels.
    expect(page?.data.some((v, i) => i % 3 === 0 && v !== page.data[i + 1])).toBe(true);
  });

  it('takes every page from the feeder, one progress call per page, until it runs empty', async () => {
    const { scanner, tempDir } = saneScanner();
    const { pages, onPage } = collect();
    // The test backend's feeder holds 10 sheets.
    expect(await scanner.scan({ resolution: 50, mode: 'gray', source: 'adf', maxPages: 50 }, undefined, onPage)).toBe(10);
    expect(pages).toHaveLength(10);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('stops the feeder at the page limit', async () => {
    const { scanner } = saneScanner();
    const { pages, onPage } = collect();
    expect(await scanner.scan({ resolution: 50, mode: 'gray', source: 'adf', maxPages: 3 }, undefined, onPage)).toBe(3);
    expect(pages).toHaveLength(3);
  });

  it('stops when the kiosk has what it can keep', async () => {
    const { scanner, tempDir } = saneScanner();
    let seen = 0;
    const count = await scanner.scan({ resolution: 50, mode: 'gray', source: 'adf', maxPages: 50 }, undefined, async () => (++seen === 2 ? 'stop' : 'continue'));
    expect(count).toBe(2);
    expect(seen).toBe(2);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('says the feeder is empty when it is empty from the start', async () => {
    const { scanner } = saneScanner(join(SANE_FIXTURES, 'feeder-empty'));
    const error = await failureOf(scanner.scan({ resolution: 50, mode: 'gray', source: 'adf', maxPages: 5 }, undefined, collect().onPage));
    expect(error.failure).toBe('feeder-empty');
    expect(error.text.vi).toMatch(/Khay nạp giấy/);
    expect(scanner.health().state).toBe('degraded');
  });

  it('takes scanimage at its word when it hangs closing the device after its batch', async () => {
    const hanging = { scanimagePath: join(SANE_FIXTURES, 'hang-after-batch.sh') };
    const empty = saneScanner(join(SANE_FIXTURES, 'feeder-empty'), hanging).scanner;
    let started = Date.now();
    const error = await failureOf(empty.scan({ resolution: 50, mode: 'gray', source: 'adf', maxPages: 5 }, undefined, collect().onPage));
    expect(error.failure).toBe('feeder-empty');
    expect(Date.now() - started).toBeLessThan(5_000);

    const glass = saneScanner(SANE_FIXTURES, hanging).scanner;
    const { pages, onPage } = collect();
    started = Date.now();
    await glass.scan({ resolution: 50, mode: 'gray', source: 'flatbed', maxPages: 1 }, undefined, onPage);
    expect(pages).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('says the paper is jammed', async () => {
    const { scanner, tempDir } = saneScanner(join(SANE_FIXTURES, 'jammed'));
    const error = await failureOf(scanner.scan({ resolution: 50, mode: 'gray', source: 'adf', maxPages: 5 }, undefined, collect().onPage));
    expect(error.failure).toBe('jammed');
    expect(error.text.en).toMatch(/jammed/);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('hands over the pages before a jam, then reports the jam', async () => {
    const { scanner } = saneScanner(SANE_FIXTURES, { scanimagePath: join(SANE_FIXTURES, 'jam-after-one-page.sh') });
    const { pages, onPage } = collect();
    const error = await failureOf(scanner.scan({ resolution: 50, mode: 'gray', source: 'adf', maxPages: 5 }, undefined, onPage));
    expect(error.failure).toBe('jammed');
    expect(pages).toHaveLength(1);
  });

  it('says there is no scanner when SANE finds none', async () => {
    const { scanner } = saneScanner(join(SANE_FIXTURES, 'none'));
    expect(await scanner.listDevices()).toEqual([]);
    const error = await failureOf(scanner.scan({ resolution: 50, mode: 'gray', source: 'flatbed', maxPages: 1 }, undefined, collect().onPage));
    expect(error.failure).toBe('no-device');
    expect((await scanner.refreshHealth()).state).toBe('offline');
  });

  it('says there is no scanner when the configured one is not there', async () => {
    const { scanner } = saneScanner(SANE_FIXTURES, { device: 'epson2:libusb:001:009' });
    const error = await failureOf(scanner.scan({ resolution: 50, mode: 'gray', source: 'flatbed', maxPages: 1 }, undefined, collect().onPage));
    expect(error.failure).toBe('no-device');
  });

  it('says the scanner software is missing', async () => {
    const { scanner } = saneScanner(SANE_FIXTURES, { scanimagePath: '/nonexistent/scanimage' });
    expect((await failureOf(scanner.listDevices())).failure).toBe('not-installed');
  });

  it('cancels a feeder batch: the child is stopped and no temporary file is left', async () => {
    const { scanner, tempDir } = saneScanner();
    const controller = new AbortController();
    const pages: RawPage[] = [];
    const error = await failureOf(
      scanner.scan({ resolution: 150, mode: 'gray', source: 'adf', maxPages: 50 }, controller.signal, async (page) => {
        pages.push(page);
        controller.abort();
        return 'continue';
      }),
    );
    expect(error.failure).toBe('cancelled');
    expect(error.text.en).toMatch(/cancelled/);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThan(10);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('gives up on a device that never answers, and kills it and its children', async () => {
    const pidFile = join(saneScanner().tempDir, 'pids');
    const { scanner, tempDir } = saneScanner(SANE_FIXTURES, {
      device: 'test:0',
      scanimagePath: join(SANE_FIXTURES, 'hung-scanimage.sh'),
      timeoutMs: 400,
      env: { ...process.env, HUNG_PIDS: pidFile },
    });
    const started = Date.now();
    const error = await failureOf(scanner.scan({ resolution: 50, mode: 'gray', source: 'flatbed', maxPages: 1 }, undefined, collect().onPage));
    expect(error.failure).toBe('timeout');
    expect(error.text.vi).toMatch(/không phản hồi/);
    expect(Date.now() - started).toBeLessThan(10_000);
    const pids = readFileSync(pidFile, 'utf8').trim().split(' ').map(Number);
    expect(pids).toHaveLength(2);
    for (const pid of pids) expect(running(pid)).toBe(false);
    expect(readdirSync(tempDir)).toEqual([]);
    expect(scanner.health().state).toBe('offline');
  });
});
