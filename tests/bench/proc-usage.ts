import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime. */
export const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

export interface ProcStat {
  pid: number;
  ppid: number;
  name: string;
  /** utime + stime, in clock ticks. */
  cpuTicks: number;
  /** Resident set, in bytes. */
  rssBytes: number;
}

const PAGE_BYTES = Number(execFileSync('getconf', ['PAGESIZE']).toString().trim()) || 4096;

export function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The name is in parentheses and may hold spaces; fields after it are space-separated.
    const close = text.lastIndexOf(')');
    const name = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    return {
      pid,
      ppid: Number(fields[1]),
      name,
      cpuTicks: Number(fields[11]) + Number(fields[12]),
      rssBytes: Number(fields[21]) * PAGE_BYTES,
    };
  } catch {
    return null; // exited between listing and reading
  }
}

/** Every live process below `root` (not `root` itself), minus the subtrees of `exclude`. */
export function descendants(root: number, exclude: readonly number[] = []): ProcStat[] {
  const all = readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map((n) => readStat(Number(n)))
    .filter((s): s is ProcStat => s !== null);
  const children = new Map<number, ProcStat[]>();
  for (const s of all) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const out: ProcStat[] = [];
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      if (exclude.includes(child.pid)) continue;
      out.push(child);
      walk(child.pid);
    }
  };
  walk(root);
  return out;
}

/** CPU used between two samples of the same process group, as % of one core. */
export function cpuPercent(before: readonly ProcStat[], after: readonly ProcStat[], seconds: number): number {
  const start = new Map(before.map((s) => [s.pid, s.cpuTicks]));
  // A process that started during the window counts from zero; one that exited is lost (rare here).
  const ticks = after.reduce((sum, s) => sum + s.cpuTicks - (start.get(s.pid) ?? 0), 0);
  return (ticks / CLOCK_TICKS / seconds) * 100;
}
