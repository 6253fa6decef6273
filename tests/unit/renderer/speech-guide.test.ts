import { describe, expect, it } from 'vitest';
import type { Language } from '../../../src-shared/dto';
import { ok, type Reply } from '../../../src-shared/errors';
import type { SpokenAudio } from '../../../src-shared/speech';
import { SpeechGuide } from '../../../src-renderer/speech/speech-guide';

/** A synthesizer whose replies the test releases one by one, and an audio output that records what it played. */
function rig() {
  const asked: { text: string; language: Language; answer: () => void }[] = [];
  const started: string[] = [];
  const stopped: string[] = [];
  const sources: { text: string; end: () => void }[] = [];
  let gain = { value: 1 };
  let resumed = 0;
  const context = {
    destination: {},
    resume: () => {
      resumed++;
      return Promise.resolve();
    },
    createGain: () => {
      gain = { value: 1 };
      return { gain, connect: () => undefined };
    },
    decodeAudioData: (buffer: ArrayBuffer) => Promise.resolve({ duration: 1, text: new TextDecoder().decode(buffer) }),
    createBufferSource: () => {
      const source = {
        buffer: null as { text: string } | null,
        onended: null as (() => void) | null,
        connect: () => undefined,
        start: () => {
          const text = source.buffer?.text ?? '';
          started.push(text);
          sources.push({ text, end: () => source.onended?.() });
        },
        stop: () => {
          stopped.push(source.buffer?.text ?? '');
          source.onended?.();
        },
      };
      return source;
    },
  };
  const guide = new SpeechGuide({
    speak: (text, language) =>
      new Promise<Reply<SpokenAudio>>((resolve) => {
        // The "WAV" is the text itself, so the test sees which utterance was played.
        asked.push({ text, language, answer: () => resolve(ok({ wavBase64: Buffer.from(text).toString('base64'), durationMs: 1000 })) });
      }),
    createAudioContext: () => context as unknown as AudioContext,
  });
  const flush = () => new Promise((r) => setTimeout(r, 0));
  return { guide, asked, started, stopped, sources, gain: () => gain.value, resumed: () => resumed, flush };
}

describe('the audio guide queue', () => {
  it('says nothing while off; turned on, it resumes audio output', () => {
    const r = rig();
    r.guide.say('screen', 'Trang chủ', 'vi');
    expect(r.asked).toEqual([]);
    r.guide.enable();
    expect(r.resumed()).toBe(1);
    r.guide.say('screen', 'Trang chủ', 'vi');
    expect(r.asked.map((a) => a.text)).toEqual(['Trang chủ']);
  });

  it('a screen cuts off what is playing; polite messages wait their turn; a focus replaces an earlier focus', async () => {
    const r = rig();
    r.guide.enable();
    r.guide.say('polite', 'Đã bật', 'vi');
    r.asked[0]?.answer();
    await r.flush();
    expect(r.started).toEqual(['Đã bật']);
    r.guide.say('screen', 'Chọn ngôn ngữ', 'vi');
    expect(r.stopped).toEqual(['Đã bật']);
    r.guide.say('focus', 'Tiếng Việt. nút bấm', 'vi');
    r.guide.say('focus', 'English. nút bấm', 'vi');
    r.guide.say('polite', 'Lỗi', 'vi');
    r.asked[1]?.answer();
    await r.flush();
    r.sources.at(-1)?.end();
    await r.flush();
    // The first focus never got its turn: only the latest one is said.
    expect(r.asked.map((a) => a.text)).toEqual(['Đã bật', 'Chọn ngôn ngữ', 'English. nút bấm']);
    r.asked[2]?.answer();
    await r.flush();
    r.sources.at(-1)?.end();
    await r.flush();
    r.asked[3]?.answer();
    await r.flush();
    expect(r.started).toEqual(['Đã bật', 'Chọn ngôn ngữ', 'English. nút bấm', 'Lỗi']);
    expect(r.guide.snapshot().played).toBe(4);
  });

  it('stop drops what is queued and a synthesis that comes back afterwards is not played', async () => {
    const r = rig();
    r.guide.enable();
    r.guide.say('screen', 'Số thứ tự của bạn', 'vi');
    r.guide.say('polite', 'Đã in', 'vi');
    r.guide.stop();
    r.asked[0]?.answer();
    await r.flush();
    expect(r.started).toEqual([]);
    expect(r.asked).toHaveLength(1);
    // F1 after F3: the screen again.
    r.guide.repeat();
    r.asked[1]?.answer();
    await r.flush();
    expect(r.started).toEqual(['Số thứ tự của bạn']);
  });

  it('masks numbers before asking, keeps the volume within 0.2…2, and reset turns it all off for the next visitor', () => {
    const r = rig();
    r.guide.enable();
    r.guide.say('polite', 'Căn cước 001099017777', 'vi');
    expect(r.asked[0]?.text).toBe('Căn cước số kết thúc bằng 7 7 7 7');
    for (let i = 0; i < 10; i++) r.guide.changeVolume(1);
    expect(r.guide.snapshot().volume).toBe(2);
    expect(r.gain()).toBe(2);
    for (let i = 0; i < 20; i++) r.guide.changeVolume(-1);
    expect(r.guide.snapshot().volume).toBe(0.2);
    r.guide.reset();
    expect(r.guide.snapshot()).toMatchObject({ enabled: false, volume: 1, played: 0 });
    expect(r.gain()).toBe(1);
    r.guide.repeat();
    r.guide.say('screen', 'Trang chủ', 'vi');
    expect(r.asked).toHaveLength(1);
  });
});
