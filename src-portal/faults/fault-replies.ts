import type { IncomingMessage, ServerResponse } from 'node:http';
import { assertNever } from '../../src-shared/assert-never';
import { ApiError, internalError } from '../http/api-error';
import { encodeReply, errorReply, type Reply } from '../http/http-io';
import type { Fault } from './fault';

export function send(res: ServerResponse, reply: Reply, head: boolean): void {
  const { status, headers, payload } = encodeReply(reply);
  res.writeHead(status, headers);
  res.end(head ? undefined : payload);
}

/** A fault that answers instead of the handler: the store is not touched. */
export function injectBefore(req: IncomingMessage, res: ServerResponse, fault: Fault): void {
  req.resume();
  const head = req.method === 'HEAD';
  switch (fault.kind) {
    case 'reset':
      (res.socket ?? req.socket)?.resetAndDestroy();
      return;
    case '5xx':
      return send5xx(res, fault.status, head);
    case '429':
      return send(res, errorReply(new ApiError(429, 'rate_limited', 'Too many requests; wait and retry.', 'Quá nhiều yêu cầu; vui lòng thử lại sau.', undefined, { 'retry-after': String(fault.retryAfter) })), head);
    case '409':
      return send(res, errorReply(new ApiError(409, 'conflict', 'Injected conflict.', 'Xung đột (giả lập).')), head);
    case '413':
      return send(res, errorReply(new ApiError(413, 'payload_too_large', 'Injected: request too large.', 'Giả lập: dữ liệu quá lớn.')), head);
    case 'latency':
    case 'slow-body':
    case 'malformed-json':
    case 'drop-upload':
      return;
    default:
      assertNever(fault);
  }
}

function send5xx(res: ServerResponse, status: number, head: boolean): void {
  if (status === 502 || status === 504) {
    // What a proxy in front of a portal sends: not the API's error shape, on purpose.
    const html = Buffer.from(`<html><body><h1>${status} Gateway error</h1></body></html>`);
    res.writeHead(status, { 'content-type': 'text/html', 'content-length': String(html.length) });
    res.end(head ? undefined : html);
    return;
  }
  const error =
    status === 503
      ? new ApiError(503, 'unavailable', 'Injected: the portal is temporarily unavailable.', 'Giả lập: cổng tạm thời không phục vụ.', undefined, { 'retry-after': '1' })
      : internalError();
  send(res, errorReply(error), head);
}

/** Sends the handler's answer, spoiled by `fault` when there is one (the change is already committed). */
export async function sendWithFault(req: IncomingMessage, res: ServerResponse, reply: Reply, head: boolean, fault: Fault | undefined): Promise<void> {
  if (!fault) return send(res, reply, head);
  switch (fault.kind) {
    case 'reset':
    case '5xx':
      return injectBefore(req, res, fault);
    case 'malformed-json': {
      const { status, headers, payload } = encodeReply(reply);
      // Cut the JSON in half but keep the declared type: the client must not trust it.
      const spoiled = payload.length === 0 ? Buffer.from('{"') : payload.subarray(0, Math.max(1, Math.floor(payload.length / 2)));
      res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': String(spoiled.length) });
      res.end(head ? undefined : spoiled);
      return;
    }
    case 'slow-body': {
      const { status, headers, payload } = encodeReply(reply);
      res.writeHead(status, headers);
      if (head) return void res.end();
      const step = Math.max(1, Math.ceil(fault.bytesPerSecond / 10));
      for (let i = 0; i < payload.length && !res.destroyed; i += step) {
        res.write(payload.subarray(i, i + step));
        await new Promise((r) => setTimeout(r, 100));
      }
      res.end();
      return;
    }
    case 'latency':
    case '429':
    case '409':
    case '413':
    case 'drop-upload':
      return send(res, reply, head);
    default:
      assertNever(fault);
  }
}
