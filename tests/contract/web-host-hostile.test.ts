import { connect as connectTcp } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { methodNames } from '../../src-shared/contract';
import { errorCodes } from '../../src-shared/errors';
import { useHostChildren, type HostChild } from './children/spawn-host';

/**
 * Anything a hostile page or a local process can put on the host's port — raw upgrade requests
 * and WebSocket messages — gets an error reply or a closed connection, and the host still
 * answers getInfo afterwards. The host runs in its own process (tests/contract/children/host-child.ts,
 * without the process guard), so a throw that would end the real host ends it here too.
 * Bounded: the whole file runs in a few seconds.
 */

const startChild = useHostChildren('all');
let child: HostChild;
/** What the host-child serves: `http://127.0.0.1:PORT`, its secret from the printed URL. */
const host = { origin: '', secret: '' };

beforeAll(async () => {
  child = await startChild([]);
  const url = new URL(child.url);
  host.origin = url.origin;
  host.secret = url.hash.slice('#k='.length);
});
afterAll(() => {
  // Whatever it was sent, the process is still there.
  expect(child.child.exitCode).toBeNull();
});

const wsUrl = () => `${host.origin.replace('http', 'ws')}/kiosk?k=${host.secret}`;

function open(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(), { origin: host.origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

type Answer = { kind: 'reply'; reply: unknown } | { kind: 'closed'; code: number };

/** Sends one frame; resolves with the reply carrying `id`, or with the close. */
function exchange(ws: WebSocket, frame: string | Uint8Array, id: unknown): Promise<Answer> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(data.toString()) as { id?: unknown; reply?: unknown };
      if (!('reply' in parsed) || parsed.id !== id) return;
      done({ kind: 'reply', reply: parsed.reply });
    };
    const onClose = (code: number) => done({ kind: 'closed', code });
    const done = (answer: Answer) => {
      ws.off('message', onMessage);
      ws.off('close', onClose);
      resolve(answer);
    };
    ws.on('message', onMessage);
    ws.on('close', onClose);
    ws.send(frame);
  });
}

let nextId = 1_000_000;
async function stillAnswers(ws: WebSocket | null): Promise<void> {
  const socket = ws !== null && ws.readyState === ws.OPEN ? ws : await open();
  const id = nextId++;
  const answer = await exchange(socket, JSON.stringify({ id, method: 'getInfo', request: {} }), id);
  expect(answer).toMatchObject({ kind: 'reply', reply: { ok: true, value: { host: 'web' } } });
  if (socket !== ws) socket.close();
}

/** Writes raw bytes; resolves once the host answers, closes, or after a short wait. */
function rawExchange(bytes: Uint8Array): Promise<string> {
  const { port } = new URL(host.origin);
  return new Promise((resolve) => {
    const socket = connectTcp(Number(port), '127.0.0.1');
    let received = '';
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(received);
    };
    const timer = setTimeout(finish, 150);
    socket.on('connect', () => socket.end(bytes));
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n\r\n')) finish();
    });
    socket.on('close', finish);
    socket.on('error', finish);
  });
}

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const charsOf = (from: number, to: number) => fc.integer({ min: from, max: to }).map((c) => String.fromCharCode(c));
const printable = fc.string({ unit: charsOf(0x20, 0x7e), maxLength: 40 });
/** What an HTTP parser lets through in a header value (visible ASCII, space, obs-text). */
const headerValue = fc.string({ unit: fc.oneof(charsOf(0x20, 0x7e), charsOf(0x80, 0xff)), maxLength: 40 });
const headerName = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,20}$/);
/** A request target without spaces, mostly starting with `/`: what reaches the upgrade handler. */
const pathLike = fc.oneof(
  fc.constant('/kiosk'),
  fc.constantFrom('//', '/kiosk', '//kiosk', '/kiosk?k=', '*', 'http://[::', '//[', '/%', '/kiosk?k=%ZZ', 'http://evil.example/kiosk', '/kiosk#k=', '//@', '/kiosk/../kiosk', '//:99999/kiosk'),
  fc.stringMatching(/^\/[/?%:@[\]a-z0-9.=&k]{0,30}$/),
  fc.string({ unit: charsOf(0x21, 0x7e), maxLength: 40 }).map((t) => `/${t}`),
);

/** Mostly well-framed upgrade requests with hostile parts, so most reach the upgrade handler. */
const upgradeRequest = fc
  .record({
    method: fc.oneof({ weight: 8, arbitrary: fc.constant('GET') }, { weight: 1, arbitrary: fc.constantFrom('POST', 'get', 'CONNECT', 'PUT') }),
    path: pathLike,
    secret: fc.oneof({ weight: 3, arbitrary: fc.constant('own') }, fc.constant(''), printable.filter((t) => !t.includes(' ')), fc.constant('own+x')),
    withSecret: fc.boolean(),
    origin: fc.oneof({ weight: 3, arbitrary: fc.constant<'own' | null>('own') }, fc.constant(null), headerValue),
    key: fc.oneof({ weight: 3, arbitrary: fc.constant('dGhlIHNhbXBsZSBub25jZQ==') }, fc.constant(null), headerValue, fc.base64String({ maxLength: 40 })),
    version: fc.oneof({ weight: 3, arbitrary: fc.constant('13') }, fc.constant(null), headerValue),
    upgrade: fc.oneof({ weight: 4, arbitrary: fc.constant('websocket') }, fc.constantFrom('WebSocket', 'h2c', '')),
    extra: fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, fc.array(fc.tuple(headerName, headerValue), { maxLength: 4 })),
    ending: fc.oneof({ weight: 8, arbitrary: fc.constant('\r\n\r\n') }, fc.constantFrom('\n\n', '\r\n', '')),
  })
  .map((r) => {
    const secret = r.secret === 'own' ? host.secret : r.secret === 'own+x' ? `${host.secret}x` : r.secret;
    const target = r.withSecret ? `${r.path}${r.path.includes('?') ? '&' : '?'}k=${secret}` : r.path;
    const lines = [`${r.method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', `Upgrade: ${r.upgrade}`, 'Connection: Upgrade'];
    if (r.origin !== null) lines.push(`Origin: ${r.origin === 'own' ? host.origin : r.origin}`);
    if (r.key !== null) lines.push(`Sec-WebSocket-Key: ${r.key}`);
    if (r.version !== null) lines.push(`Sec-WebSocket-Version: ${r.version}`);
    for (const [name, value] of r.extra) lines.push(`${name}: ${value}`);
    return latin1(lines.join('\r\n') + r.ending);
  });

const rawBytes = fc.uint8Array({ maxLength: 300 });

/** Method values of every JSON type, names of ours, and names that exist on every object. */
const methodValue = fc.oneof(
  fc.constantFrom(...methodNames),
  fc.constantFrom('toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf', ''),
  fc.string({ maxLength: 30 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant({ toString: 1 }),
  fc.constant({ toString: null, valueOf: null }),
);
const idValue = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 999_999 }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 1.5, Number.MAX_SAFE_INTEGER + 2, '1', null, true) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
const requestValue = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(fc.constantFrom('text', 'query', 'code', 'sessionId', 'serviceId', 'priority', 'language', '__proto__'), fc.jsonValue({ maxDepth: 2 })),
);

type Frame = { frame: string | Uint8Array; id: unknown };
const message: fc.Arbitrary<Frame> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ id: idValue, method: methodValue, request: requestValue }, { requiredKeys: ['id'] }).map((m) => ({ frame: JSON.stringify(m), id: m.id })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((text) => ({ frame: text, id: undefined })) },
  { weight: 1, arbitrary: fc.json({ maxDepth: 3 }).map((text) => ({ frame: text, id: undefined })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 100 }).map((bytes) => ({ frame: bytes, id: undefined })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 200_000 }).map((depth) => ({ frame: `{"id":1,"method":"getInfo","request":${'['.repeat(depth)}${']'.repeat(depth)}}`, id: 1 })) },
);

function expectAnswer(answer: Answer): void {
  if (answer.kind === 'closed') {
    // 1003: not a request; 1009: over the size limit; 1006: the connection dropped under us.
    expect([1003, 1009]).toContain(answer.code);
    return;
  }
  const reply = answer.reply as { ok: boolean; error?: { code: string; message: unknown } };
  expect(typeof reply.ok).toBe('boolean');
  if (!reply.ok) {
    expect(errorCodes).toContain(reply.error?.code);
    expect(typeof reply.error?.message).toBe('string');
  }
}

describe('browser host under hostile input', () => {
  it('answers or closes any raw upgrade request, and still serves the page afterwards', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: upgradeRequest }, { weight: 1, arbitrary: rawBytes }), async (bytes) => {
        const answer = await rawExchange(bytes);
        // Either nothing (closed or still waiting for the rest), or an HTTP status line.
        if (answer !== '') expect(answer).toMatch(/^HTTP\/1\.1 (101|400|403|404|405|426|431|505)/);
        await stillAnswers(null);
      }),
      { numRuns: 150, interruptAfterTimeLimit: 4_000 },
    );
  }, 15_000);

  it('gives every message an error reply or a close, and still answers getInfo afterwards', async () => {
    let ws: WebSocket | null = await open();
    await fc.assert(
      fc.asyncProperty(message, async ({ frame, id }) => {
        if (ws === null || ws.readyState !== ws.OPEN) ws = await open();
        expectAnswer(await exchange(ws, frame, id));
        await stillAnswers(ws);
      }),
      { numRuns: 300, interruptAfterTimeLimit: 4_000 },
    );
    ws?.close();
  }, 15_000);

  it('closes a socket that sends more than the size limit, and keeps serving', async () => {
    const ws = await open();
    const huge = JSON.stringify({ id: 1, method: 'searchProcedures', request: { query: 'x'.repeat(2 * 1024 * 1024) } });
    expect(await exchange(ws, huge, 1)).toEqual({ kind: 'closed', code: 1009 });
    await stillAnswers(null);
  });
});
