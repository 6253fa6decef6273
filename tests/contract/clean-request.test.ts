import { describe, expect, it } from 'vitest';
import { cleanRequestText } from '../../src-main/app/clean-request';
import type { VirtualScanner } from '../../src-main/devices/scanner/virtual-scanner';
import { createTestCore } from '../fakes/test-core';
import { useTempDirs } from '../fakes/temp-dir';

const tempDir = useTempDirs();
const card = '001099012345|123456789|Nguyễn Văn An|01021990|Nam|12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội|04102021';
/** The same card with a zero-width space in the ID, an override in the name, a stack of marks. */
const spoiled = card.replace('0010', '0010\u200B').replace('Văn', 'V\u202Eăn\u202C').replace('An|', 'A\u0301\u0302\u0303\u0304n|');

describe('text entering the core is cleaned once, at the edge', () => {
  it('cleans every string and key of a request, at any depth, without touching the rest', () => {
    const bytes = new Uint8Array([1, 2]);
    const request = { 'na\u200Bme': 'L\u202Eê', list: ['a\u2066b', 3, null, { deep: ['\uFEFFx'] }], bytes, flag: true };
    expect(cleanRequestText(request)).toEqual({ name: 'Lê', list: ['ab', 3, null, { deep: ['x'] }], bytes, flag: true });
    expect(request['na\u200Bme']).toBe('L\u202Eê');
    let nested: unknown = 'z\u200B';
    for (let i = 0; i < 100; i++) nested = [nested];
    expect(() => cleanRequestText(nested)).not.toThrow();
  });

  it('a wedge scan through the dispatcher and a device scan are read as the clean card', async () => {
    const { core } = await createTestCore(tempDir());
    const seen: unknown[] = [];
    core.events.subscribe((event, payload) => event === 'scan' && seen.push(payload));
    const identity = { idNumber: '001099012345', fullName: 'Nguyễn Văn A\u0301\u0302n'.normalize('NFC') };
    expect(await core.dispatcher.dispatch('submitWedgeScan', { text: spoiled })).toMatchObject({ ok: true, value: { kind: 'cccd', identity } });
    (core.barcodeScanner as VirtualScanner).scan(`${spoiled}\r`);
    expect(seen).toMatchObject([{ kind: 'cccd', identity }, { kind: 'cccd', identity }]);
    await core.close();
  });

  it('a search with hidden characters finds what the plain words find', async () => {
    const { core } = await createTestCore(tempDir());
    const plain = await core.dispatcher.dispatch('searchProcedures', { query: 'khai sinh' });
    const hidden = await core.dispatcher.dispatch('searchProcedures', { query: 'kh\u200Bai\u2067 sinh' });
    expect(plain).toMatchObject({ ok: true });
    expect(hidden).toEqual(plain);
    await core.close();
  });
});
