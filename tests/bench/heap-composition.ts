import type { CDPSession } from 'playwright-core';

/** What a V8 heap holds, from one heap snapshot: compiled code apart from everything else. */
export interface HeapComposition {
  /** Machine code, bytecode and their metadata (snapshot node type `code`): grows as V8 tiers functions up. */
  codeBytes: number;
  /** JS objects, arrays, strings, closures …: what a leak in the program's own state would grow. */
  objectBytes: number;
}

interface SnapshotMeta {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
}

/** Node types in a V8 heap snapshot that are not the program's JS state (Blink's C++ objects, roots, V8 internals). */
const NOT_JS = new Set(['native', 'synthetic', 'hidden']);

/** Takes a heap snapshot of a page through CDP (after the caller's GC), as its JSON text. */
export async function pageHeapSnapshot(cdp: CDPSession): Promise<string> {
  const chunks: string[] = [];
  const onChunk = (event: { chunk: string }) => chunks.push(event.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  return chunks.join('');
}

/**
 * Sums a heap snapshot's self sizes by kind, to say whether JS heap growth is state a process
 * keeps or code V8 compiled for functions that got hot.
 */
export function heapComposition(snapshotJson: string): HeapComposition {
  const snapshot = JSON.parse(snapshotJson) as SnapshotMeta;
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
