import type { CatalogDocument } from '../../src-shared/catalog';
import { generateSyntheticCatalog } from '../../src-main/catalog/synthetic-catalog';

export const LARGE_PROCEDURES = 5000;

/** The two catalogs the chaos child swaps between: the small demo one and a 5,000-procedure one. */
export function chaosCatalogs(demo: CatalogDocument): [CatalogDocument, CatalogDocument] {
  return [demo, { ...generateSyntheticCatalog(LARGE_PROCEDURES), version: 'chaos-large' }];
}
