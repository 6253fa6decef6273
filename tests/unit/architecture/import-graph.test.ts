import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

/**
 * src-main's rooms from the ground up: a folder may import its own files and folders listed
 * before it, never one listed after it (VS Code's layering, held by a test instead of review).
 * A new folder must be placed here, or this test fails.
 */
const MAIN_LAYERS = [
  'kernel',
  'db',
  'devices',
  'scan',
  'catalog',
  'outbox',
  'storage',
  'dossier',
  // payment below privacy: the purge waits for a dossier's payments to be settled and
  // delivered before erasing (it reads payments); a payment never needs the purge.
  'payment',
  'privacy',
  'queue',
  // rating reads dossiers and today's tickets to find what is rated; sync delivers it.
  'rating',
  'sync',
  // update: the update policy, its history and the feed client; told of idleness by app (devices/display/idle-moment).
  'update',
  'staff',
  // report reads the queue's, dossiers', payments' and outbox's tables; nothing reads it but app.
  'report',
  // diagnostics reads what the others report (devices, sync status, store, logs); only app wires it.
  'diagnostics',
  'app',
  'web-host',
  'electron',
] as const;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The project files a file imports (type-only imports too: they tie the rooms together just the same). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => resolveImport(join(dirname(file), name)))
    .filter((target): target is string => target !== null);
}

function resolveImport(base: string): string | null {
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

function graphOf(roots: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of roots.flatMap((r) => sourceFiles(join(ROOT, r)))) graph.set(file, importsOf(file));
  return graph;
}

/** Every cycle found by a depth-first walk, each as the files along it. */
function cyclesOf(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

const rel = (file: string) => relative(ROOT, file);
const roomOf = (file: string) => rel(file).split('/')[1] ?? '';

describe('import structure', () => {
  it('has no import cycle between files', () => {
    const cycles = cyclesOf(graphOf(['src-shared', 'src-main', 'src-renderer', 'src-portal']));
    expect(cycles.map((c) => c.map(rel).join(' → '))).toEqual([]);
  });

  it("places every folder of src-main in the layer list", () => {
    const rooms = readdirSync(join(ROOT, 'src-main')).filter((name) => statSync(join(ROOT, 'src-main', name)).isDirectory());
    expect(rooms.filter((room) => !(MAIN_LAYERS as readonly string[]).includes(room))).toEqual([]);
  });

  it('has no src-main folder importing a folder above it', () => {
    const rank = (room: string) => (MAIN_LAYERS as readonly string[]).indexOf(room);
    const upward: string[] = [];
    for (const [file, targets] of graphOf(['src-main'])) {
      for (const target of targets) {
        if (!rel(target).startsWith('src-main/')) continue;
        if (rank(roomOf(target)) > rank(roomOf(file))) upward.push(`${rel(file)} → ${rel(target)}`);
      }
    }
    expect(upward).toEqual([]);
  });
});
