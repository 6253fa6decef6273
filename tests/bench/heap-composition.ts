import type { CDPSession } from 'playwright-core';

/** What a renderer's V8 heap holds, from one heap snapshot: compiled code apart from everything else. */
export interface HeapComposition {
  /** Machine code, bytecode and their metadata (snapshot node type `code`): grows as V8 tiers functions up. */
  codeBytes: number;
  /** JS objects, arrays, strings, closures …: what a leak in the page's own state would grow. */
  objectBytes: number;
}

interface SnapshotMeta {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
}

/** Node types in a V8 heap snapshot that are not the page's JS state (Blink's C++ objects, roots). */
const NOT_JS = new Set(['native', 'synthetic', 'hidden']);

/**
 * Takes a heap snapshot through CDP (after the caller's GC) and sums self sizes by kind. Used to
 * say whether JS heap growth is state the page keeps or code V8 compiled for functions that got hot.
 */
export async function heapComposition(cdp: CDPSession): Promise<HeapComposition> {
  const chunks: string[] = [];
  const onChunk = (event: { chunk: string }) => chunks.push(event.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const snapshot = JSON.parse(chunks.join('')) as SnapshotMeta;
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  const composition: HeapComposition = { codeBytes: 0, objectBytes: 0 };
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = types[snapshot.nodes[i + typeAt] ?? -1] ?? 'hidden';
    const size = snapshot.nodes[i + sizeAt] ?? 0;
    if (type === 'code') composition.codeBytes += size;
    else if (!NOT_JS.has(type)) composition.objectBytes += size;
  }
  return composition;
}
