import { describe, expect, it } from 'vitest';
import { LatestOnly } from '../../../src-renderer/app/latest-only';

/** A request the test answers by hand, in any order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function harness() {
  const calls: { query: string; answer: ReturnType<typeof deferred<string>> }[] = [];
  const delivered: [string, string][] = [];
  const failed: string[] = [];
  const runner = new LatestOnly<string, string>(
    (query) => {
      const answer = deferred<string>();
      calls.push({ query, answer });
      return answer.promise;
    },
    (query, result) => delivered.push([query, result]),
    (query) => failed.push(query),
  );
  return { runner, calls, delivered, failed };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('latest-only requests', () => {
  it('answers a lone request at once', async () => {
    const { runner, calls, delivered } = harness();
    runner.request('d');
    expect(calls.map((c) => c.query)).toEqual(['d']);
    calls[0]?.answer.resolve('D');
    await settle();
    expect(delivered).toEqual([['d', 'D']]);
  });

  it('keeps one request in flight, drops the stale reply and sends only the newest waiting text', async () => {
    const { runner, calls, delivered } = harness();
    runner.request('d');
    runner.request('da');
    runner.request('dat');
    expect(calls.map((c) => c.query)).toEqual(['d']);
    calls[0]?.answer.resolve('D');
    await settle();
    expect(delivered).toEqual([]);
    expect(calls.map((c) => c.query)).toEqual(['d', 'dat']);
    calls[1]?.answer.resolve('DAT');
    await settle();
    expect(delivered).toEqual([['dat', 'DAT']]);
  });

  it('reports a failure of the newest request, and not of a stale one', async () => {
    const { runner, calls, delivered, failed } = harness();
    runner.request('a');
    runner.request('ab');
    calls[0]?.answer.reject(new Error('down'));
    await settle();
    expect(failed).toEqual([]);
    calls[1]?.answer.reject(new Error('down'));
    await settle();
    expect(failed).toEqual(['ab']);
    expect(delivered).toEqual([]);
  });

  it('delivers nothing after stop', async () => {
    const { runner, calls, delivered } = harness();
    runner.request('a');
    runner.stop();
    runner.request('b');
    calls[0]?.answer.resolve('A');
    await settle();
    expect(delivered).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('sends nothing for a repeat of the newest query, in flight or answered', async () => {
    const { runner, calls, delivered } = harness();
    runner.request('dat');
    runner.request('dat');
    expect(calls).toHaveLength(1);
    calls[0]!.answer.resolve('r1');
    await settle();
    runner.request('dat');
    expect(calls).toHaveLength(1);
    expect(delivered).toEqual([['dat', 'r1']]);
    runner.request('dat dai');
    expect(calls.map((c) => c.query)).toEqual(['dat', 'dat dai']);
  });
});
