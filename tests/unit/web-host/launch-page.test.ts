import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { launchPageHtml, writeLaunchPage } from '../../../src-main/web-host/launch-page';

const URL_WITH_SECRET = 'http://127.0.0.1:8700/#k=EbOOo7nyDtQQ8oBRmg66jghjvMOVog-e';

describe('the launch page', () => {
  it('sends the browser on to the kiosk URL, secret fragment included, without a script', () => {
    const html = launchPageHtml(URL_WITH_SECRET);
    expect(html).toContain(`<meta http-equiv="refresh" content="0;url=${URL_WITH_SECRET}">`);
    expect(html).not.toMatch(/<script/i);
  });

  it('cannot be broken out of by what the URL holds', () => {
    fc.assert(
      fc.property(fc.string(), (tail) => {
        const html = launchPageHtml(`http://127.0.0.1:1/#k=${tail}`);
        const content = /content="0;url=([^"]*)"/.exec(html)?.[1] ?? '';
        expect(content).not.toMatch(/[<>"]/);
        expect(html.match(/<meta/g)).toHaveLength(3);
      }),
    );
  });

  it('is written whole and readable by its owner only, replacing the last launch', () => {
    const dir = mkdtempSync(join(tmpdir(), 'launch-page-'));
    const file = join(dir, 'launch.html');
    writeFileSync(`${file}.tmp`, 'left over', { mode: 0o644 });
    writeLaunchPage(file, 'http://127.0.0.1:1/#k=old');
    writeLaunchPage(file, URL_WITH_SECRET);
    expect(readFileSync(file, 'utf8')).toBe(launchPageHtml(URL_WITH_SECRET));
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
