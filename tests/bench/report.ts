/** One line per figure, the format `npm run bench` promises: BENCH <id> <value> <unit> budget=<n> <ok|over>. */
export function report(id: string, value: number, unit: string, budget: number, extra = ''): void {
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(2);
  console.log(`BENCH ${id} ${shown} ${unit} budget=${budget} ${value <= budget ? 'ok' : 'over'}${extra ? ` ${extra}` : ''}`);
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}
