import { describe, expect, it } from 'vitest';
import { finished, failed, rateLimited, retry } from '../../../src-main/outbox/job-outcome';
import { LinkMonitor, linkStateOf, type LinkSample } from '../../../src-main/sync/link-state';

const opts = { windowMs: 60_000, degradedShare: 0.2 };
const s = (at: number, result: LinkSample['result']): LinkSample => ({ at, result });

describe('link state', () => {
  it('is offline before any exchange and whenever the last one got no answer', () => {
    expect(linkStateOf([], 0, opts)).toBe('offline');
    expect(linkStateOf([s(0, 'ok'), s(1, 'ok'), s(2, 'unreachable')], 3, opts)).toBe('offline');
  });

  it('is online when the recent answers are good, degraded when a fifth or more were errors', () => {
    const good = Array.from({ length: 10 }, (_, i) => s(i, 'ok'));
    expect(linkStateOf(good, 10, opts)).toBe('online');
    const mixed = [...good.slice(0, 8), s(8, 'troubled'), s(9, 'ok')];
    expect(linkStateOf(mixed, 10, opts)).toBe('online');
    const worse = [...good.slice(0, 7), s(7, 'troubled'), s(8, 'troubled'), s(9, 'ok')];
    expect(linkStateOf(worse, 10, opts)).toBe('degraded');
  });

  it('forgets errors older than the window', () => {
    const samples = [s(0, 'troubled'), s(1, 'troubled'), s(100_000, 'ok')];
    expect(linkStateOf(samples, 100_001, opts)).toBe('online');
    expect(linkStateOf(samples, 50, opts)).toBe('degraded');
  });

  it('comes back online after an outage as soon as answers are good again', () => {
    let now = 0;
    const changes: string[] = [];
    const m = new LinkMonitor(() => now, opts, (state) => changes.push(state));
    m.recordOutcome(finished);
    now = 1000;
    m.recordOutcome(retry('ECONNREFUSED', true));
    expect(m.state()).toBe('offline');
    expect(m.error()).toEqual({ at: 1000, code: 'portal_unreachable', message: 'ECONNREFUSED' });
    now = 2000;
    m.recordOutcome(rateLimited('429', 1000));
    expect(m.state()).toBe('degraded');
    now = 200_000;
    m.recordOutcome(failed('portal_refused', '422 invalid dossier'));
    expect(m.state()).toBe('online');
    expect(changes).toEqual(['online', 'offline', 'degraded', 'online']);
  });
});
