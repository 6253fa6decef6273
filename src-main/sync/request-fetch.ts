import { Agent, request, type Dispatcher } from 'undici';

export interface RequestFetch {
  fetch: typeof fetch;
  /** Closes the kept-alive connections (shutdown). */
  close(): Promise<void>;
}

/**
 * The portal client's `fetch`, carried by undici's `request()` instead of the platform's fetch
 * (decision 0018): the same HTTP/1.1 client underneath without the web-streams layer, which cost
 * the kiosk about five times the CPU per uploaded byte (measured: 3,000 × 300 KB cost 4.8–8.5 s
 * of client CPU with fetch, 0.6–1.4 s with request()). Answers are small JSON, read whole into a
 * standard Response; network failures keep their codes (ECONNREFUSED, UND_ERR_SOCKET…) and an
 * aborted signal rejects with its reason, as the client's error mapping expects.
 */
export function requestFetch(dispatcher: Dispatcher = new Agent({ keepAliveTimeout: 10_000 })): RequestFetch {
  const call = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    if (input instanceof Request) throw new TypeError('requestFetch takes a URL, not a Request');
    const method = (init?.method ?? 'GET').toUpperCase() as Dispatcher.HttpMethod;
    const body = init?.body;
    if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array))
      throw new TypeError('requestFetch sends a string or bytes as the body');
    const res = await request(input, {
      method,
      headers: headersOf(init?.headers),
      body: body ?? undefined,
      signal: init?.signal ?? undefined,
      dispatcher,
    });
    const bytes = await res.body.arrayBuffer();
    const headers = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
    }
    // Response refuses a body with these statuses (and HEAD has none).
    const noBody = method === 'HEAD' || res.statusCode === 204 || res.statusCode === 205 || res.statusCode === 304;
    return new Response(noBody ? null : bytes, { status: res.statusCode, headers });
  };
  return { fetch: call as typeof fetch, close: () => dispatcher.close() };
}

function headersOf(init: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init).forEach((value, name) => {
    out[name] = value;
  });
  return out;
}
