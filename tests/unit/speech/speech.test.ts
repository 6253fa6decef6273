import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskForSpeech } from '../../../src-shared/speech';
import { EspeakSpeech, espeakArgs } from '../../../src-main/devices/speech/espeak-speech';
import { SpeechService } from '../../../src-main/devices/speech/speech-service';
import { VirtualSpeech } from '../../../src-main/devices/speech/virtual-speech';
import { readWav, wavRms } from '../../../src-main/devices/speech/wav';
import { nodeSpawner } from '../../../src-main/devices/docscan/process-runner';
import { KioskError } from '../../../src-main/kernel/kiosk-error';
import type { Logger } from '../../../src-main/kernel/logger';

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'artifacts', 'speech');
const clock = { now: () => new Date('2026-12-06T09:00:00+07:00') };
const logger: Logger = { log: () => undefined };
const espeak = (timeoutMs = 10_000, espeakPath = 'espeak-ng') =>
  new EspeakSpeech({ espeakPath, wordsPerMinute: 150, timeoutMs, env: process.env }, nodeSpawner);

describe('what may be said out loud', () => {
  it('an ID number or a masked one becomes its last four digits, one by one', () => {
    expect(maskForSpeech('Số định danh 001099017777', 'vi')).toBe('Số định danh số kết thúc bằng 7 7 7 7');
    expect(maskForSpeech('ID ********7777 scanned', 'en')).toBe('ID a number ending in 7 7 7 7 scanned');
    expect(maskForSpeech('Gọi 0912 345 678', 'vi')).toBe('Gọi số kết thúc bằng 5 6 7 8');
  });

  it('leaves what is not a personal number: ticket numbers, dates, dossier codes, amounts', () => {
    for (const text of ['Số thứ tự A012', 'Ngày 29.02.1988', 'Mã hồ sơ 000.00.12.H29-240101-0001', '50.000 đồng', 'Bước 3 trên 6']) {
      expect(maskForSpeech(text, 'vi')).toBe(text);
    }
  });

  it('never lets seven digits in a row through, whatever surrounds them', () => {
    const digitsRun = /\d(?:\s?\d){6,}/;
    fc.assert(
      fc.property(fc.string(), fc.stringMatching(/^\d{9,12}$/), fc.string(), fc.constantFrom('vi' as const, 'en' as const), (before, id, after, language) => {
        const said = maskForSpeech(`${before}${id}${after}`, language);
        expect(said).not.toMatch(digitsRun);
        expect(said).not.toContain(id.slice(0, 7));
      }),
      { numRuns: 500 },
    );
  });
});

describe('speech device', () => {
  it('main masks again before the device hears it; the virtual device records it and answers with audio', async () => {
    const device = new VirtualSpeech(clock, null);
    const service = new SpeechService(device, logger);
    const spoken = await service.speak('Căn cước 001099017777 đã đọc', 'vi');
    expect(device.utterances()).toEqual([{ at: clock.now().toISOString(), text: 'Căn cước số kết thúc bằng 7 7 7 7 đã đọc', language: 'vi' }]);
    const wav = Buffer.from(spoken.wavBase64, 'base64');
    expect(readWav(wav).durationMs).toBe(spoken.durationMs);
    expect(wavRms(wav)).toBeGreaterThan(0.05);
  });

  it('a text starting with a dash is said, not taken as an option', () => {
    expect(espeakArgs({ text: '-v en', language: 'vi' }, 150)).toEqual(['-v', 'vi', '-s', '150', '--stdout', '--', '-v en']);
  });

  it('espeak-ng speaks Vietnamese: real audio, not silence (written to tests/artifacts/speech)', async () => {
    const text = 'Chào mừng bạn đến Trung tâm Phục vụ hành chính công. Chạm vào màn hình để bắt đầu.';
    const wav = await espeak().synthesize({ text, language: 'vi' });
    const info = readWav(wav);
    expect(info.bitsPerSample).toBe(16);
    expect(info.durationMs).toBeGreaterThan(500);
    // Speech sits around 0.1 RMS at espeak's default amplitude; silence is 0.
    expect(wavRms(wav)).toBeGreaterThan(0.02);
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'espeak-vi.wav');
    writeFileSync(file, wav);
    // The header is fixed up (espeak leaves 0x7FFFFFFF on a pipe): another decoder agrees on the length.
    const stat = execFileSync('soxi', ['-D', file], { encoding: 'utf8' });
    expect(Math.abs(Number(stat) * 1000 - info.durationMs)).toBeLessThan(20);
  });

  it('English has its own voice', async () => {
    const wav = await espeak().synthesize({ text: 'Your ticket is printed.', language: 'en' });
    expect(readWav(wav).durationMs).toBeGreaterThan(500);
    expect(wavRms(wav)).toBeGreaterThan(0.02);
  });

  it('a missing synthesizer is device_unavailable, not a crash, and the next utterance still comes', async () => {
    const missing = espeak(10_000, '/nonexistent/espeak-ng');
    const virtual = new VirtualSpeech(clock, null);
    let calls = 0;
    const service = new SpeechService({ synthesize: (u) => (++calls === 1 ? missing.synthesize(u) : virtual.synthesize(u)) }, logger);
    const failure = await service.speak('Xin chào', 'vi').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KioskError);
    expect((failure as KioskError).code).toBe('device_unavailable');
    expect((failure as KioskError).message).toMatch(/could not start: ENOENT/);
    const next = await service.speak('Xin chào', 'vi');
    expect(next.durationMs).toBeGreaterThan(0);
    expect(virtual.utterances()).toHaveLength(1);
  });
});
