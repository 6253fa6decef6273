import { closeSync, fsyncSync, openSync, renameSync, writeFileSync } from 'node:fs';

/**
 * Writes a file whole or not at all: a temp file, flushed, renamed over the old one, the folder
 * flushed. A power cut leaves the old file or the new one, never half of either (the set-up
 * wizard and headless provisioning write config.json this way).
 */
export function writeFileAtomic(file: string, text: string, dir: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text, { mode: 0o600 });
  const fd = openSync(temp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}
