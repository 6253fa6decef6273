import { useEffect, useState } from 'react';
import type { DraftProblem } from '../../src-shared/dossier';

/**
 * The field to type into once Continue found problems: the topmost of `paths` (screen order) with
 * a problem, or null. Typing or choosing only ever removes problems (a field's problem goes with
 * its first keystroke) and leaves the list as it was otherwise, so a list that is not the previous
 * one minus some entries comes from a check, even one that found the same problems again.
 */
export function fieldToFix(paths: readonly string[], before: readonly DraftProblem[], after: readonly DraftProblem[]): string | null {
  const known = new Set(before.map((p) => p.path));
  const removedOnly = after.length < before.length && after.every((p) => known.has(p.path));
  if (removedOnly) return null;
  const failing = new Set(after.map((p) => p.path));
  return paths.find((path) => failing.has(path)) ?? null;
}

/**
 * Which text field the keyboard types into. After a check that found problems, the keyboard moves
 * to the first field to fix and that field is brought into view, so it does not go on naming the
 * field typed in last while the problem is elsewhere on the screen.
 */
export function useActiveField(paths: readonly string[], problems: readonly DraftProblem[]): [string | null, (path: string) => void] {
  const [active, setActive] = useState<string | null>(null);
  const [checked, setChecked] = useState(problems);
  const [reveal, setReveal] = useState<string | null>(null);
  // Adjusted while rendering (React's pattern for state derived from a changed prop): no frame
  // shows the old field named beside the new problems.
  if (checked !== problems) {
    setChecked(problems);
    const next = fieldToFix(paths, checked, problems);
    if (next !== null) {
      setActive(next);
      setReveal(next);
    }
  }
  useEffect(() => {
    if (reveal === null) return;
    document.querySelector(`[data-path="${CSS.escape(reveal)}"]`)?.scrollIntoView({ block: 'nearest' });
    setReveal(null);
  }, [reveal]);
  return [active, setActive];
}
