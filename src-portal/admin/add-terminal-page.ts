import type { IssuedTokenView, NewTerminalReply } from './add-terminal';
import { escapeHtml as escape } from './escape-html';
import { qrSvg } from './qr-svg';

/** Drawn this wide: a HID scanner or a phone reads it off a laptop screen at arm's length. */
const QR_PX = 320;

const STATE_TEXT = { unused: 'Not used yet', used: 'Used', expired: 'Expired, never used' } as const;

/** The portal listens on every address: where it listens is no address a terminal can use. */
const unreachableHost = (url: string): boolean => ['0.0.0.0', '[::]'].includes(new URL(url).hostname);

function localTime(iso: string, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
  return `${text} (${timeZone})`;
}

/** The issued tokens, never the tokens themselves: the portal keeps only their hash. */
export function issuedTokensTable(tokens: readonly IssuedTokenView[], timeZone: string): string {
  if (tokens.length === 0) return '<p class="empty">No token issued yet.</p>';
  const rows = tokens.map((t) => {
    const state = t.state === 'used' ? `Used by ${escape(t.usedBy)} at ${escape(localTime(t.usedAt ?? '', timeZone))}` : STATE_TEXT[t.state];
    // A token still valid can be withdrawn: a QR that leaked, a terminal that will not be installed.
    const withdraw = !t.withdrawable
      ? ''
      : `<form method="post" action="/admin/terminals/withdraw"><input type="hidden" name="id" value="${escape(t.id)}"><button type="submit" data-testid="withdraw-${escape(t.id)}">Withdraw</button></form>`;
    return `<tr class="token token--${t.state}"><td>${t.terminalId === null ? '<i>any</i>' : escape(t.terminalId)}</td><td>${escape(localTime(t.createdAt, timeZone))}</td><td>${escape(localTime(t.expiresAt, timeZone))}</td><td>${state}</td><td>${withdraw}</td></tr>`;
  });
  return `<table class="tokens"><thead><tr><th>Terminal id</th><th>Issued</th><th>Valid until</th><th>State</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function issuedSection(issued: NewTerminalReply, timeZone: string): string {
  const who = issued.terminalId === null ? 'any one terminal' : `terminal <b>${escape(issued.terminalId)}</b>`;
  return `<section class="issued" data-testid="issued">
<div class="qr-box">${qrSvg(issued.setupQr, QR_PX, 'Set-up QR for the kiosk')}</div>
<div class="typed">
<p>Scan this at the kiosk's set-up wizard, or type:</p>
<p class="field">Portal URL<br><code class="big" data-testid="portal-url">${escape(issued.portalUrl)}</code></p>
<p class="field">Enrollment token<br><code class="big" data-testid="token">${escape(issued.token)}</code></p>
<p class="field">Valid until<br><b data-testid="expires">${escape(localTime(issued.expiresAt, timeZone))}</b></p>
<p>Enrolls ${who}, once. Shown only now: the portal keeps no copy of the token.</p>
<details><summary>What the QR holds</summary><code class="payload" data-testid="payload">${escape(issued.setupQr)}</code></details>
</div>
</section>`;
}

/** "Add a terminal": the form, the code just issued (once), the tokens issued so far. No auto-refresh: it would lose what is typed. */
export function addTerminalPage(view: { portalUrl: string; timeZone: string; tokens: readonly IssuedTokenView[]; issued?: NewTerminalReply; error?: string }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Reference portal — add a terminal</title>
<style>
body{font:15px system-ui,sans-serif;margin:24px;color:#1b1b1b}h1{font-size:22px}h2{font-size:18px;margin-top:28px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:6px 8px;text-align:left;vertical-align:top}th{background:#f1f1f1}
.issued{display:flex;gap:32px;align-items:flex-start;flex-wrap:wrap;border:2px solid #1d5fbf;border-radius:8px;padding:20px;margin:16px 0}
.qr{display:block}.typed{max-width:560px}.field{margin:12px 0}
code.big{font:600 26px ui-monospace,monospace;letter-spacing:1px;word-break:break-all}
.payload{font-size:12px;word-break:break-all}.error{color:#a00000;font-weight:600}.empty{color:#777}
input{font-size:18px;padding:8px;min-width:260px}button{font-size:18px;padding:8px 16px;min-height:44px}
</style></head><body>
<p><a href="/admin">← Reference portal</a></p>
<h1>Add a terminal</h1>
${view.error ? `<p class="error" role="alert">${escape(view.error)}</p>` : ''}
${view.issued ? issuedSection(view.issued, view.timeZone) : ''}
<form method="post" action="/admin/terminals/new">
<p><label>Terminal id (optional: without one, the token enrolls whichever terminal uses it first)<br>
<input name="terminalId" pattern="[A-Za-z0-9._\\-]{1,64}" maxlength="64" placeholder="e.g. kiosk-07" autocomplete="off"></label></p>
<p><button type="submit">Issue a token and its QR</button></p>
</form>
<p>Terminals reach this portal at <code>${escape(view.portalUrl)}</code> (the <code>--public-url</code> flag).</p>
${unreachableHost(view.portalUrl) ? `<p class="error" role="alert">No terminal can reach ${escape(view.portalUrl)}: start the portal with <code>--public-url</code> set to the address terminals use.</p>` : ''}
<h2>Tokens issued (${view.tokens.length})</h2>
${issuedTokensTable(view.tokens, view.timeZone)}
</body></html>`;
}
