import { CENTRAL_CONFIG_SCHEMA_VERSION } from '../../src-shared/central-config';
import { CENTER_SCOPE } from '../repo/terminal-config';
import type { ConfigAdminState } from './config-admin';
import { escapeHtml as escape } from './escape-html';

/** What the last form post left to show: the scope it was for, its problems, and the text as typed. */
export interface ConfigPageNotice {
  scope: string;
  problems: string[];
  text?: string;
}

const pretty = (value: unknown): string => JSON.stringify(value, null, 2);
const EMPTY = pretty({ schemaVersion: CENTRAL_CONFIG_SCHEMA_VERSION });

function problemList(notice: ConfigPageNotice | undefined, scope: string): string {
  if (!notice || notice.scope !== scope) return '';
  return `<div class="problems" role="alert" data-testid="config-problems"><b>Not saved — ${notice.problems.length} problem(s):</b><ul>${notice.problems
    .map((p) => `<li><code>${escape(p)}</code></li>`)
    .join('')}</ul></div>`;
}

function editor(scope: string, label: string, current: string, notice: ConfigPageNotice | undefined): string {
  const text = notice?.scope === scope && notice.text !== undefined ? notice.text : current;
  return `<form method="post" action="/admin/config/documents" class="editor" data-scope="${escape(scope)}">
<input type="hidden" name="scope" value="${escape(scope)}">
<label>${escape(label)}<br><textarea name="document" rows="16" spellcheck="false">${escape(text)}</textarea></label>
${problemList(notice, scope)}
<button type="submit">Save ${escape(label)}</button></form>`;
}

/**
 * The reference portal's central configuration page (decision 0041): the center-wide document and
 * each terminal's own, as JSON checked with the kiosk's schema on save (each bad field named, the
 * text kept for correction), a form to rename a queue service in both languages, and what each
 * terminal reported. No auto-refresh: an operator types here.
 */
export function configPage(state: ConfigAdminState, notice?: ConfigPageNotice): string {
  const centerServices = state.center?.document.queue?.services ?? [];
  const scopes = [{ value: CENTER_SCOPE, label: 'Center-wide' }, ...state.terminals.map((t) => ({ value: t.id, label: `Terminal ${t.id}` }))];
  const rename = `<form method="post" action="/admin/config/rename-service" class="rename" data-testid="rename-service">
<label>Document <select name="scope">${scopes.map((s) => `<option value="${escape(s.value)}">${escape(s.label)}</option>`).join('')}</select></label>
<label>Service <select name="serviceId">${centerServices.map((s) => `<option value="${escape(s.id)}">${escape(s.id)} — ${escape(s.name.vi)}</option>`).join('')}</select></label>
<label>Name (Tiếng Việt) <input name="vi" required maxlength="200"></label>
<label>Name (English) <input name="en" required maxlength="200"></label>
<button type="submit">Rename service</button>
${problemList(notice, 'rename')}</form>`;
  const rows = state.terminals.map((t) => {
    const rejected =
      t.rejectedVersion !== null && (t.appliedVersion === null || t.rejectedVersion > t.appliedVersion)
        ? `<span class="flag">Rejected version ${escape(t.rejectedVersion)}</span><ul>${t.problems.map((p) => `<li><code>${escape(p)}</code></li>`).join('')}</ul>`
        : '';
    const state = rejected || (t.appliedVersion === t.version ? '<span class="ok">Up to date</span>' : '<span>Waiting for the terminal</span>');
    return `<tr data-terminal="${escape(t.id)}"><td><b>${escape(t.id)}</b></td><td>${escape(t.version)}</td><td>${escape(t.appliedVersion ?? '–')}${
      t.appliedAt ? `<br><small>${escape(t.appliedAt)}</small>` : ''
    }</td><td>${state}</td><td><details><summary>${t.own ? `Own document (revision ${escape(t.own.revision)})` : 'No own document'}</summary>${editor(
      t.id,
      `terminal ${t.id}`,
      t.own ? pretty(t.own.document) : EMPTY,
      notice,
    )}</details></td></tr>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Central configuration — reference portal</title>
<style>
body{font:15px system-ui,sans-serif;margin:24px;color:#1b1b1b;max-width:1200px}h1{font-size:22px}h2{font-size:18px;margin-top:28px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:6px 8px;text-align:left;vertical-align:top}th{background:#f1f1f1}
textarea{width:100%;font:13px ui-monospace,monospace}label{display:block;margin:6px 0}.rename label{display:inline-block;margin-right:12px}
button{font-size:15px;padding:8px 14px;margin-top:6px}.problems{background:#fdecea;border:1px solid #b00020;padding:6px 10px;margin:6px 0}
.flag{display:inline-block;background:#b00020;color:#fff;border-radius:4px;padding:1px 6px}.ok{color:#0a6b2d;font-weight:600}
</style></head><body>
<h1>Central configuration</h1>
<p>What the portal may set on its terminals: queue services, the center's name, ticket header and footer, idle times,
personal-data retention and the VietQR account (document format ${CENTRAL_CONFIG_SCHEMA_VERSION}). Devices, the portal URL,
terminal ids and PINs stay on each terminal. A terminal applies a new version when no one is at its screen, and keeps
its last good one when a version is refused. <a href="/admin">Admin</a> · <a href="/admin/fleet">Fleet</a></p>
<h2>Rename a queue service</h2>
${rename}
<h2>Center-wide document${state.center ? ` (revision ${escape(state.center.revision)}, saved ${escape(state.center.savedAt)})` : ''}</h2>
${editor(CENTER_SCOPE, 'center-wide document', state.center ? pretty(state.center.document) : EMPTY, notice)}
<h2>Terminals (${state.terminals.length})</h2>
<table><thead><tr><th>Terminal</th><th>Version served</th><th>Applied</th><th>State</th><th>Own settings (over the center-wide ones)</th></tr></thead>
<tbody>${rows.join('')}</tbody></table>
</body></html>`;
}
