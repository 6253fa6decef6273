import { chmodSync, renameSync, writeFileSync } from 'node:fs';

/** The file in the data folder that a browser started apart from the kiosk opens (deploy/linux/). */
export const LAUNCH_PAGE_FILE = 'launch.html';

const escapeAttribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A page that sends the browser on to the kiosk's URL, secret fragment included. Chromium is
 * started on this file instead of the URL itself, so the per-launch secret is never on a command
 * line (`ps` shows every user's command lines). No script: a meta refresh keeps the fragment.
 */
export function launchPageHtml(kioskUrl: string): string {
  const target = escapeAttribute(kioskUrl);
  return `<!doctype html>
<html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0;url=${target}"><title>Kiosk</title>
<style>html{background:#fff}</style></head><body></body></html>
`;
}

/** Written whole or not at all (rename), readable by the kiosk's user only. */
export function writeLaunchPage(file: string, kioskUrl: string): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, launchPageHtml(kioskUrl), { mode: 0o600 });
  chmodSync(temporary, 0o600); // An older leftover .tmp keeps its mode through writeFileSync.
  renameSync(temporary, file);
}
