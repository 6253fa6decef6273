import { escapeHtml } from '../admin/escape-html';
import type { FleetFlag } from './fleet-flags';
import type { FleetRow } from './fleet-view';

const FLAG_TEXT: Record<FleetFlag, string> = {
  silent: 'No heartbeat for 5 minutes',
  'not-rendering': 'Screen not rendering',
  'paper-out': 'Printer out of paper',
  'outbox-growing': 'Outbox growing',
  'outbox-old': 'Outbox older than 1 hour',
  'disk-low': 'Disk low',
  'clock-skew': 'Clock skew',
  'version-behind': 'Version behind',
  'config-rejected': 'Configuration rejected',
};

function age(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3600)} h ago`;
}

const mb = (bytes: number | undefined): string => (bytes === undefined ? '–' : `${Math.round(bytes / 1_048_576).toLocaleString('en')} MB`);

function row(r: FleetRow): string {
  const hb = r.heartbeat;
  const flags = r.flags.map((f) => `<span class="flag flag--${f}">${escapeHtml(FLAG_TEXT[f])}</span>`).join(' ');
  const devices = (hb?.devices ?? []).map((d) => `${escapeHtml(d.device)}: ${escapeHtml(d.state)}${d.reason ? ` (${escapeHtml(d.reason)})` : ''}`).join('<br>');
  const render = hb?.render ? `${escapeHtml(hb.render.screen)}, ${age(hb.render.ageSeconds)}` : 'no proof';
  const outbox = hb?.outbox ? `${hb.outbox.depth ?? 0}${hb.outbox.oldestPendingAgeSeconds === undefined ? '' : `, oldest ${age(hb.outbox.oldestPendingAgeSeconds)}`}` : '–';
  return `<tr class="${r.flags.length > 0 ? 'flagged' : 'fine'}" data-terminal="${escapeHtml(r.id)}">
<td><b>${escapeHtml(r.id)}</b>${r.name ? `<br><small>${escapeHtml(r.name)}</small>` : ''}</td>
<td>${r.flags.length > 0 ? flags : '<span class="ok">OK</span>'}</td>
<td>${age(r.heartbeatAgeSeconds)}</td><td>${escapeHtml(r.appVersion)}</td><td>${render}</td>
<td>${devices || '–'}</td><td>${outbox}</td><td>${mb(hb?.storage?.freeBytes)}</td>
<td>${hb?.clockSkewSeconds === undefined ? '–' : `${hb.clockSkewSeconds} s`}</td>
<td class="config">${configCell(r)}</td>
<td>${r.diagnostics.map((d) => `<a href="/admin/diagnostics/${escapeHtml(encodeURIComponent(d.id))}">${escapeHtml(d.receivedAt.slice(0, 16).replace('T', ' '))}</a>`).join('<br>') || '–'}</td></tr>`;
}

/** The central configuration version in force, and a refused newer one (decision 0041). */
function configCell(r: FleetRow): string {
  const applied = r.config?.appliedVersion ?? null;
  const rejected = r.config?.rejectedVersion ?? null;
  const shown = applied === null ? '–' : `v${applied}`;
  return rejected !== null && rejected > (applied ?? -1) ? `${shown}<br><a href="/admin/config">v${rejected} rejected</a>` : shown;
}

/** The Fleet page: every terminal, what state it is in and how fresh that is; flagged ones first. */
export function fleetPage(rows: readonly FleetRow[], now: Date): string {
  const flagged = rows.filter((r) => r.flags.length > 0).length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fleet — reference portal</title>
<meta http-equiv="refresh" content="10">
<style>
body{font:14px system-ui,sans-serif;margin:24px;color:#1b1b1b}h1{font-size:22px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:5px 7px;text-align:left;vertical-align:top}
th{background:#f1f1f1;position:sticky;top:0}tr.flagged td:first-child{border-left:6px solid #b00020}
.flag{display:inline-block;background:#b00020;color:#fff;border-radius:4px;padding:1px 6px;margin:1px 0}.ok{color:#0a6b2d;font-weight:600}
</style></head><body>
<h1>Fleet</h1>
<p>${rows.length} terminal(s), <b>${flagged}</b> needing attention — at ${escapeHtml(now.toISOString())}. <a href="/admin">Admin</a></p>
<table><thead><tr><th>Terminal</th><th>State</th><th>Last heartbeat</th><th>Version</th><th>Screen (render proof)</th><th>Devices</th><th>Outbox</th><th>Disk free</th><th>Clock skew</th><th>Configuration</th><th>Diagnostics</th></tr></thead>
<tbody>${rows.map(row).join('')}</tbody></table>
</body></html>`;
}
