import type { IssuedTokenView } from './add-terminal';
import { issuedTokensTable } from './add-terminal-page';
import { escapeHtml as escape } from './escape-html';

type Row = Record<string, unknown>;
const rows = (v: unknown): Row[] => (Array.isArray(v) ? (v as Row[]) : []);

function table(headers: string[], body: string[][]): string {
  if (body.length === 0) return '<p class="empty">None yet.</p>';
  return `<table><thead><tr>${headers.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${body
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** The reference portal's one page: terminals, received dossiers with their files, ratings, queue tickets. */
export function adminPage(state: Record<string, unknown>): string {
  const terminals = rows(state['terminals']).map((t) => {
    const hb = (t['heartbeat'] ?? {}) as Row;
    const outbox = (hb['outbox'] ?? {}) as Row;
    const devices = rows(hb['devices']).map((d) => `${escape(d['device'])}: ${escape(d['state'])}`).join(', ');
    return [escape(t['index']), escape(t['id']), escape(t['appVersion']), escape(t['lastSeenAt']), escape(outbox['depth'] ?? '–'), devices || '–'];
  });
  const dossiers = rows(state['dossiers']).map((d) => [
    `<code>${escape(d['code'])}</code>${d['provisionalCode'] ? `<br><small>provisional ${escape(d['provisionalCode'])}</small>` : ''}`,
    escape(d['procedureCode']),
    escape(d['terminalId']),
    escape(d['status']),
    escape(d['receivedAt']),
    rows(d['files'])
      .map((f) => `<a href="/admin/uploads/${escape(encodeURIComponent(String(f['uploadId'])))}">${escape(f['fileName'])}</a> (${escape(f['length'])} B)<br><code class="sha">${escape(f['sha256'])}</code>`)
      .join('<br>') || '–',
  ]);
  const ratings = rows(state['ratings']).map((r) => [
    escape(r['receivedAt']),
    escape(r['terminalId']),
    escape(r['subject'] ?? '–'),
    escape(r['overall']),
    rows(r['indices']).map((i) => `${escape(i['code'])}: ${escape(i['score'])}`).join('<br>') || '–',
    escape(r['comment'] ?? '–'),
  ]);
  const diagnostics = rows(state['diagnostics']).map((d) => [
    escape(d['terminalId']),
    escape(d['receivedAt']),
    `<a href="/admin/diagnostics/${escape(encodeURIComponent(String(d['id'])))}">${escape(d['id'])}.zip</a> (${escape(d['bytes'])} B)`,
  ]);
  const button = (action: string, label: string) => `<form method="post" action="${escape(action)}"><button type="submit">${escape(label)}</button></form>`;
  const tickets = rows(state['tickets']).map((t) => {
    const id = encodeURIComponent(String(t['id']));
    const actions =
      t['state'] === 'waiting' ? button(`/admin/queue/${id}/call`, 'Call') : t['state'] === 'called' ? button(`/admin/queue/${id}/serve`, 'Served') : '';
    return [
      escape(t['day']),
      escape(t['serviceId']),
      escape(t['number']),
      escape(t['priority']),
      escape(t['source']),
      escape(t['terminalId']),
      `<a href="/q/${escape(id)}">${escape(t['state'])}</a>`,
      actions,
    ];
  });
  // One "call next" per service and day that has a ticket, as a counter's button does.
  const services = [...new Set(rows(state['tickets']).map((t) => `${String(t['serviceId'])}\n${String(t['day'])}`))].map((key) => {
    const [serviceId = '', day = ''] = key.split('\n');
    return `<form method="post" action="/admin/queue/call-next" class="inline"><input type="hidden" name="serviceId" value="${escape(serviceId)}"><input type="hidden" name="day" value="${escape(day)}"><button type="submit">Call next: ${escape(serviceId)} ${escape(day)}</button></form>`;
  });
  const updates = (state['updates'] ?? {}) as Row;
  const rollout = (version: string, percentage: number) =>
    `<form method="post" action="/admin/updates/rollout" class="inline"><input type="hidden" name="version" value="${escape(version)}"><input type="hidden" name="percentage" value="${percentage}"><button type="submit">${percentage} %</button></form>`;
  const feeds = rows(updates['feeds']).map((f) => {
    const version = typeof f['version'] === 'string' ? f['version'] : null;
    return [
      `<a href="/updates/${escape(f['feed'])}"><code>${escape(f['feed'])}</code></a>`,
      version === null ? `<strong>not a release:</strong> ${escape(f['error'])}` : escape(version),
      escape(f['effectivePercentage'] ?? '–') + (f['rolloutPercentage'] === null ? ' <small>(as published)</small>' : ''),
      rows(f['files']).map((file) => `${escape(file['url'])} (${escape(file['size'])} B)${file['present'] ? '' : ' <strong>missing</strong>'}`).join('<br>'),
      version === null ? '' : [0, 10, 50, 100].map((p) => rollout(version, p)).join(''),
    ];
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Reference portal — admin</title>
<meta http-equiv="refresh" content="5">
<style>
body{font:15px system-ui,sans-serif;margin:24px;color:#1b1b1b}h1{font-size:22px}h2{font-size:18px;margin-top:28px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f1f1f1}form{margin:0}form.inline{display:inline-block;margin:0 8px 8px 0}.sha{font-size:11px;color:#555}.empty{color:#777}
</style></head><body>
<h1>Reference portal (Kiosk Sync API v1)</h1>
<p>Faults: <code>${escape(JSON.stringify(state['faults']))}</code></p>
<h2>Terminals (${terminals.length}) — <a href="/admin/fleet">Fleet health</a> — <a href="/admin/config">Central configuration</a></h2>
${table(['#', 'Terminal', 'Version', 'Last seen', 'Outbox', 'Devices'], terminals)}
<h2>Add a terminal</h2>
<p><a href="/admin/terminals/new" class="button">Add a terminal: issue a one-time token and its set-up QR</a></p>
${issuedTokensTable(rows(state['enrollmentTokens']) as unknown as IssuedTokenView[], String(state['timeZone'] ?? 'UTC'))}
<h2>Dossiers received (${dossiers.length})</h2>
${table(['Code', 'Procedure', 'Terminal', 'Status', 'Received', 'Files (SHA-256)'], dossiers)}
<h2>Satisfaction ratings (${ratings.length})</h2>
${table(['Received', 'Terminal', 'Subject', 'Overall', 'Indices (2/1/0)', 'Comment'], ratings)}
<h2>Diagnostics received (${diagnostics.length})</h2>
${table(['Terminal', 'Received', 'Export'], diagnostics)}
<h2>Kiosk updates (${feeds.length} feed(s), folder <code>updates/</code>)</h2>
${table(['Feed', 'Version', 'Rollout %', 'Files', 'Set rollout'], feeds)}
<h2>Queue tickets (${tickets.length})</h2>
${services.join(' ')}
${table(['Day', 'Service', 'Number', 'Priority', 'Source', 'Terminal', 'State', 'Counter'], tickets)}
</body></html>`;
}
