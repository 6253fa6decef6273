import { cleanIncomingText } from '../../src-shared/text';

/** Deeper than any request schema: below this nothing is cleaned (the schema refuses it anyway). */
const MAX_DEPTH = 32;

/**
 * A parsed request with every string (values and keys of plain objects, at any depth up to
 * MAX_DEPTH) passed through cleanIncomingText, so a bidi override or a zero-width space in a
 * typed name or a search never reaches a handler or the store. Anything else is left as it is
 * (numbers, binary arrays carried by IPC). Builds new objects; never mutates the request.
 */
export function cleanRequestText(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return cleanIncomingText(value);
  if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => cleanRequestText(item, depth + 1));
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [cleanIncomingText(key), cleanRequestText(item, depth + 1)]));
}
