import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database } from 'better-sqlite3';
import { rolloutOf } from '../repo/update-rollouts';
import { parseRange, type ByteRange } from './byte-ranges';
import { readPublishedFeed, servedFeedText } from './feed-text';
import { updateFile, type UpdateFile } from './update-files';

export interface UpdateFeedDeps {
  db: Database;
  updatesDir: string;
  log: (line: string) => void;
}

/**
 * `GET`/`HEAD /updates/<file>`: electron-updater's generic feed (decision 0039). Public like the
 * ticket page (releases are not secret; the kiosk checks every file's sha512 from the feed). The
 * channel files carry the admin's rollout percentage; installers and block maps are served with
 * ETag and byte ranges (differential downloads read parts of the AppImage or the installer).
 */
export function serveUpdate(deps: UpdateFeedDeps, req: IncomingMessage, res: ServerResponse, name: string): void {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') return plain(res, 405, 'Only GET and HEAD.', { allow: 'GET, HEAD' });
  let decoded: string;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    return plain(res, 404, 'No such update file.');
  }
  const file = updateFile(deps.updatesDir, decoded);
  if (file === null) return plain(res, 404, 'No such update file.');
  if (file.feed !== null) return serveFeed(deps, req, res, file);
  return serveBytes(req, res, file);
}

function serveFeed(deps: UpdateFeedDeps, req: IncomingMessage, res: ServerResponse, file: UpdateFile): void {
  let body: Buffer;
  try {
    const feed = readPublishedFeed(readFileSync(file.path, 'utf8'));
    body = Buffer.from(servedFeedText(feed, rolloutOf(deps.db, feed.version)));
  } catch (error) {
    deps.log(`portal: update feed ${file.name} is not a release: ${String(error)}`);
    return plain(res, 500, `The update feed ${file.name} on the portal is not a valid release.`);
  }
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  // The percentage can change at any time: caches must ask again every time.
  const headers = { etag, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
  if (matches(req.headers['if-none-match'], etag)) return end(res, 304, headers);
  res.writeHead(200, { ...headers, 'content-type': file.contentType, 'content-length': String(body.length) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function serveBytes(req: IncomingMessage, res: ServerResponse, file: UpdateFile): void {
  const etag = `"${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}"`;
  const headers = {
    etag,
    'last-modified': new Date(file.mtimeMs).toUTCString(),
    'accept-ranges': 'bytes',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  };
  if (matches(req.headers['if-none-match'], etag)) return end(res, 304, headers);
  const head = req.method === 'HEAD';
  // If-Range with another validator: the file changed since the client's part, send it whole.
  const ifRange = req.headers['if-range'];
  const range = ifRange !== undefined && ifRange !== etag ? { kind: 'whole' as const } : parseRange(req.headers['range'], file.size);
  switch (range.kind) {
    case 'whole':
      res.writeHead(200, { ...headers, 'content-type': file.contentType, 'content-length': String(file.size) });
      return head ? void res.end() : stream(res, file.path, [{ start: 0, end: file.size - 1 }], file.size === 0);
    case 'unsatisfiable':
      res.writeHead(416, { ...headers, 'content-range': `bytes */${file.size}`, 'content-length': '0' });
      return void res.end();
    case 'ranges':
      break;
  }
  const [only] = range.ranges;
  if (range.ranges.length === 1 && only) {
    res.writeHead(206, { ...headers, 'content-type': file.contentType, 'content-range': `bytes ${only.start}-${only.end}/${file.size}`, 'content-length': String(only.end - only.start + 1) });
    return head ? void res.end() : stream(res, file.path, [only], false);
  }
  // Several ranges: one multipart/byteranges body (RFC 9110 §14.6), the parts in the order asked.
  const boundary = `motcua-${createHash('sha256').update(`${etag}${req.headers['range'] ?? ''}`).digest('hex').slice(0, 24)}`;
  const partHead = (r: ByteRange) => Buffer.from(`\r\n--${boundary}\r\ncontent-type: ${file.contentType}\r\ncontent-range: bytes ${r.start}-${r.end}/${file.size}\r\n\r\n`);
  const closing = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = range.ranges.reduce((sum, r) => sum + partHead(r).length + (r.end - r.start + 1), closing.length);
  res.writeHead(206, { ...headers, 'content-type': `multipart/byteranges; boundary=${boundary}`, 'content-length': String(length) });
  if (head) return void res.end();
  streamParts(res, file.path, range.ranges, partHead, closing);
}

function stream(res: ServerResponse, path: string, [range]: ByteRange[], empty: boolean): void {
  if (empty || !range) return void res.end();
  const source = createReadStream(path, { start: range.start, end: range.end });
  source.on('error', () => res.destroy());
  source.pipe(res);
}

function streamParts(res: ServerResponse, path: string, ranges: ByteRange[], partHead: (r: ByteRange) => Buffer, closing: Buffer): void {
  const next = (i: number): void => {
    const r = ranges[i];
    if (!r) return void res.end(closing);
    res.write(partHead(r));
    const source = createReadStream(path, { start: r.start, end: r.end });
    source.on('error', () => res.destroy());
    source.on('end', () => next(i + 1));
    source.pipe(res, { end: false });
  };
  next(0);
}

const matches = (header: string | undefined, etag: string): boolean =>
  header !== undefined && header.split(',').some((t) => t.trim() === etag || t.trim() === '*');

function end(res: ServerResponse, status: number, headers: Record<string, string>): void {
  res.writeHead(status, headers);
  res.end();
}

function plain(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  const body = Buffer.from(`${text}\n`);
  res.writeHead(status, { ...extra, 'content-type': 'text/plain; charset=utf-8', 'content-length': String(body.length), 'cache-control': 'no-store' });
  res.end(body);
}
