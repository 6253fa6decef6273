import type { Language } from '../../src-shared/dto';
import type { Reply } from '../../src-shared/errors';
import { maskForSpeech, MAX_SPEECH_CHARS, type SpokenAudio } from '../../src-shared/speech';

/**
 * screen: a screen's title and purpose; cuts off everything else.
 * focus: the focused control; replaces an earlier focus utterance, waits for a screen or a message.
 * polite: a change or an error; waits its turn.
 */
export type UtteranceKind = 'screen' | 'focus' | 'polite';

export interface SpeechGuideState {
  readonly enabled: boolean;
  /** The gain, 0.2…2 in steps of 0.2 (1 = as synthesized). */
  readonly volume: number;
  readonly speaking: boolean;
  /** How many utterances were played this session (tests and diagnostics). */
  readonly played: number;
}

/** What the guide needs from the outside: main's synthesizer and the browser's audio output. */
export interface SpeechGuideDeps {
  speak(text: string, language: Language): Promise<Reply<SpokenAudio>>;
  createAudioContext(): AudioContext;
}

interface Pending {
  readonly kind: UtteranceKind;
  readonly text: string;
  readonly language: Language;
}

const MIN_VOLUME = 0.2;
const MAX_VOLUME = 2;
const VOLUME_STEP = 0.2;

/**
 * The audio guide of one session: a queue of utterances, synthesized in main and played through
 * one AudioContext (Web Audio needs no media-src in either host's CSP, and its gain node is the
 * volume control). Everything is dropped when the guide is turned off or stopped; a synthesis
 * that comes back after that is not played.
 */
export class SpeechGuide {
  private state: SpeechGuideState = { enabled: false, volume: 1, speaking: false, played: 0 };
  private readonly listeners = new Set<() => void>();
  private queue: Pending[] = [];
  private current: { pending: Pending; source: AudioBufferSourceNode | null } | null = null;
  /** Bumped by stop(): anything started under an older generation is stale. */
  private generation = 0;
  private audio: { context: AudioContext; gain: GainNode } | null = null;
  private lastScreen: Pending | null = null;

  constructor(private readonly deps: SpeechGuideDeps) {}

  snapshot = (): SpeechGuideState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Must run inside a user gesture (a tap or a key): browsers start audio output only then. */
  enable(): void {
    if (!this.audio) {
      const context = this.deps.createAudioContext();
      const gain = context.createGain();
      gain.gain.value = this.state.volume;
      gain.connect(context.destination);
      this.audio = { context, gain };
    }
    void this.audio.context.resume();
    this.set({ enabled: true });
  }

  /** Off, silent, and back to the default volume: the next visitor starts without it. */
  reset(): void {
    this.stop();
    this.lastScreen = null;
    this.set({ enabled: false, volume: 1, played: 0 });
    if (this.audio) this.audio.gain.gain.value = 1;
  }

  say(kind: UtteranceKind, text: string, language: Language): void {
    if (!this.state.enabled) return;
    const clean = maskForSpeech(text.replace(/\s+/g, ' ').trim(), language).slice(0, MAX_SPEECH_CHARS);
    if (!clean) return;
    const pending: Pending = { kind, text: clean, language };
    switch (kind) {
      case 'screen':
        this.lastScreen = pending;
        this.stop();
        this.queue = [pending];
        break;
      case 'focus':
        this.queue = this.queue.filter((p) => p.kind !== 'focus');
        this.queue.push(pending);
        if (this.current?.pending.kind === 'focus') this.cutCurrent();
        break;
      case 'polite':
        this.queue.push(pending);
        break;
    }
    this.pump();
  }

  /** F1: the current screen's title and purpose again. */
  repeat(): void {
    if (this.lastScreen) this.say('screen', this.lastScreen.text, this.lastScreen.language);
  }

  /** F3: silence now, and nothing queued. */
  stop(): void {
    this.generation++;
    this.queue = [];
    this.cutCurrent();
  }

  /** Returns the new volume. */
  changeVolume(direction: 1 | -1): number {
    const volume = Math.round(Math.min(MAX_VOLUME, Math.max(MIN_VOLUME, this.state.volume + direction * VOLUME_STEP)) * 10) / 10;
    if (this.audio) this.audio.gain.gain.value = volume;
    this.set({ volume });
    return volume;
  }

  private cutCurrent(): void {
    const playing = this.current;
    this.current = null;
    try {
      playing?.source?.stop();
    } catch {
      // Never started or already ended.
    }
    if (playing) this.set({ speaking: false });
  }

  private pump(): void {
    if (this.current || !this.audio) return;
    const next = this.queue.shift();
    if (!next) return;
    const generation = this.generation;
    const entry: { pending: Pending; source: AudioBufferSourceNode | null } = { pending: next, source: null };
    this.current = entry;
    this.set({ speaking: true });
    void this.play(entry, generation)
      .catch(() => undefined)
      .finally(() => {
      if (this.current !== entry) return; // cut off: whoever cut it has moved on
      this.current = null;
      this.set({ speaking: false });
      this.pump();
    });
  }

  private async play(entry: { pending: Pending; source: AudioBufferSourceNode | null }, generation: number): Promise<void> {
    const audio = this.audio;
    if (!audio) return;
    const reply = await this.deps.speak(entry.pending.text, entry.pending.language);
    // A synthesizer that failed is skipped: the screen still shows everything that would be said.
    if (!reply.ok || generation !== this.generation || this.current !== entry) return;
    const bytes = Uint8Array.from(atob(reply.value.wavBase64), (c) => c.charCodeAt(0));
    const buffer = await audio.context.decodeAudioData(bytes.buffer).catch(() => null);
    if (!buffer || generation !== this.generation || this.current !== entry) return;
    const source = audio.context.createBufferSource();
    source.buffer = buffer;
    source.connect(audio.gain);
    entry.source = source;
    await new Promise<void>((done) => {
      source.onended = () => done();
      // An output device that stalls (unplugged headphones, a suspended context) must not stall the queue.
      setTimeout(done, buffer.duration * 1000 + 1000);
      source.start();
      this.set({ played: this.state.played + 1 });
    });
  }

  private set(change: Partial<SpeechGuideState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}
