import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** Where docs/sync-api.yaml sits relative to this source file (portal runs from the repo). */
export const defaultSpecFile = fileURLToPath(new URL('../../docs/sync-api.yaml', import.meta.url));

export type SpecDocument = Record<string, unknown>;

export function loadSpec(file: string = defaultSpecFile): SpecDocument {
  const doc: unknown = parse(readFileSync(file, 'utf8'));
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error(`${file} is not an OpenAPI document`);
  return doc as SpecDocument;
}
