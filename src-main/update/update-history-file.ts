import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseUpdateHistory, type UpdateHistory } from './update-history';

/** Where the kiosk keeps its update history: one small JSON file, replaced whole (write + rename). */
export class UpdateHistoryFile {
  constructor(private readonly path: string) {}

  read(): UpdateHistory {
    let text: string | null;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      // Not there yet (or unreadable): no history.
      text = null;
    }
    return parseUpdateHistory(text);
  }

  write(history: UpdateHistory): void {
    const temp = `${this.path}.tmp`;
    writeFileSync(temp, `${JSON.stringify(history)}\n`, { mode: 0o600 });
    renameSync(temp, this.path);
  }
}
