import { assertNever } from '../../src-shared/assert-never';
import type { Fault } from './fault';
import { seededRandom } from './seeded-random';

export interface FaultDecision {
  latencyMs: number;
  /** Answer instead of handling (5xx/429/409/413, reset). */
  before?: Fault;
  /** Handle, then spoil the answer (reset, 5xx, malformed JSON, slow body). */
  after?: Fault;
  dropUploadAfter?: number;
}

/** The active faults and the seeded dice; decisions depend only on the seed and request order. */
export class FaultPlan {
  private faults: { fault: Fault; left: number }[] = [];
  private random: () => number;
  private seed: number;

  constructor(faults: readonly Fault[], seed: number) {
    this.seed = seed;
    this.random = seededRandom(seed);
    this.replace(faults, seed);
  }

  replace(faults: readonly Fault[], seed?: number): void {
    this.faults = faults.map((fault) => ({ fault, left: fault.times ?? Number.POSITIVE_INFINITY }));
    if (seed !== undefined) {
      this.seed = seed;
      this.random = seededRandom(seed);
    }
  }

  describe(): { seed: number; faults: (Fault & { left?: number })[] } {
    return {
      seed: this.seed,
      faults: this.faults.map(({ fault, left }) => (Number.isFinite(left) ? { ...fault, left } : fault)),
    };
  }

  /**
   * `uploadBytes`: the body carries files' bytes (PATCH, POST /v1/uploads as creation with upload,
   * or a dossier bundle); only such a body can be dropped after N bytes.
   */
  decide(method: string, path: string, uploadBytes = method === 'PATCH'): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const entry of this.faults) {
      const { fault } = entry;
      if (entry.left <= 0) continue;
      if (fault.path && !path.startsWith(fault.path)) continue;
      if (fault.method && fault.method !== method) continue;
      if (fault.kind === 'drop-upload' && !uploadBytes) continue;
      // One die per matching fault in list order keeps runs reproducible for a given seed.
      if (this.random() >= fault.rate) continue;
      if (!this.apply(decision, fault)) continue;
      entry.left -= 1;
    }
    return decision;
  }

  private apply(decision: FaultDecision, fault: Fault): boolean {
    switch (fault.kind) {
      case 'latency':
        decision.latencyMs += fault.ms;
        return true;
      case 'drop-upload':
        if (decision.dropUploadAfter !== undefined) return false;
        decision.dropUploadAfter = fault.after;
        return true;
      case '5xx':
      case 'reset':
        if (fault.phase === 'after') return this.setAfter(decision, fault);
        return this.setBefore(decision, fault);
      case '429':
      case '409':
      case '413':
        return this.setBefore(decision, fault);
      case 'slow-body':
      case 'malformed-json':
        return this.setAfter(decision, fault);
      default:
        return assertNever(fault);
    }
  }

  private setBefore(decision: FaultDecision, fault: Fault): boolean {
    if (decision.before) return false;
    decision.before = fault;
    return true;
  }

  private setAfter(decision: FaultDecision, fault: Fault): boolean {
    if (decision.after) return false;
    decision.after = fault;
    return true;
  }
}
