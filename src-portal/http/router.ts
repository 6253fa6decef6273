import type { IncomingMessage } from 'node:http';
import type { TerminalRow } from '../repo/terminals';
import type { Reply } from './http-io';

/** One request as a route's handler sees it (the terminal is set for routes with `auth`). */
export interface Call {
  req: IncomingMessage;
  url: URL;
  headers: Record<string, string | undefined>;
  pathParams: Record<string, string>;
  terminal: TerminalRow | undefined;
  now: Date;
  /** The fault plan cuts the body's file bytes after this many (drop-upload). */
  dropAfter: number | undefined;
}

export interface Route {
  /** The spec's operationId: what requests are validated against and answers stored under. */
  operationId: string;
  /** Needs a Bearer credential of an enrolled terminal. */
  auth: boolean;
  /** 'dropped': the fault plan cut the body; the server destroys the socket. */
  handle: (call: Call) => Promise<Reply | 'dropped'>;
}

/** Method and path pattern (`{name}` matches one segment) to route: the whole API in one map. */
export type RouteMap = Readonly<Record<`${'GET' | 'HEAD' | 'POST' | 'PATCH'} /${string}`, Route>>;

export type Router<R = Route> = (method: string, path: string) => { route: R; pathParams: Record<string, string> } | undefined;

/** Matches a method and path (no query) against the map's `'METHOD /pattern'` keys, in map order. */
export function routerOf<R>(map: Readonly<Record<string, R>>): Router<R> {
  const compiled = Object.entries(map).map(([key, route]) => {
    const [method = '', pattern = ''] = key.split(' ');
    const names = [...pattern.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
    const source = pattern.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '([^/]+)');
    return { method, regex: new RegExp(`^${source}$`), names, route };
  });
  return (method, path) => {
    for (const c of compiled) {
      const m = c.method === method ? c.regex.exec(path) : null;
      if (!m) continue;
      const pathParams: Record<string, string> = {};
      c.names.forEach((name, i) => (pathParams[name] = decodeURIComponent(m[i + 1] ?? '')));
      return { route: c.route, pathParams };
    }
    return undefined;
  };
}
