import type { Database } from 'better-sqlite3';
import { queuePosition } from '../handlers/queue-wait';

const escape = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Seconds between the page's own refreshes: the citizen watches it on a phone while waiting. */
export const QUEUE_PAGE_REFRESH_SECONDS = 20;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The page a queue ticket's QR opens: the ticket's live place in the center's queue, in Vietnamese
 * and English. Public, so it shows only what the paper ticket shows (service, number, people
 * ahead, the estimate) and nothing of the person; unknown ids get the same 404 page.
 */
export function queuePage(db: Pick<Database, 'prepare'>, ticketId: string, now: Date): { status: number; html: string } {
  const p = UUID.test(ticketId) ? queuePosition({ db: db as Database }, ticketId, now) : null;
  if (!p) {
    return {
      status: 404,
      html: page('Không tìm thấy phiếu', `<p class="big">Không tìm thấy phiếu này trên hệ thống của trung tâm.</p>
<p class="en">This ticket is not known to the center's system (a ticket printed while the kiosk was offline appears once it reconnects).</p>`),
    };
  }
  const when = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false }).format(now);
  let body: string;
  switch (p.state) {
    case 'called':
      body = `<p class="big" data-state="called">Đã đến lượt bạn — mời đến quầy.</p><p class="en">It is your turn — please go to the counter.</p>`;
      break;
    case 'served':
      body = `<p class="big" data-state="served">Phiếu đã được phục vụ xong.</p><p class="en">This ticket has been served.</p>`;
      break;
    case 'waiting': {
      const estimate = p.estimate
        ? `<p class="big" data-estimate="${p.estimate.minMinutes}-${p.estimate.maxMinutes}">Thời gian chờ ước tính: khoảng ${p.estimate.minMinutes}–${p.estimate.maxMinutes} phút</p>
<p class="en">Estimated wait: about ${p.estimate.minMinutes}–${p.estimate.maxMinutes} minutes</p>`
        : `<p data-estimate="none">Chưa đủ số liệu để ước tính thời gian chờ.</p><p class="en">Not enough data yet to estimate the wait.</p>`;
      body = `<p class="big" data-state="waiting">Số người đang chờ trước bạn: <strong data-ahead="${p.peopleAhead}">${p.peopleAhead}</strong></p>
<p class="en">People ahead of you: ${p.peopleAhead}</p>${estimate}`;
      break;
    }
  }
  return {
    status: 200,
    html: page(`Phiếu số ${p.number}`, `<p class="number">${escape(p.number)}</p><p>Dịch vụ / Service: ${escape(p.serviceId)}</p>${body}
<p class="small">Cập nhật lúc ${escape(when)} · tự làm mới sau ${QUEUE_PAGE_REFRESH_SECONDS} giây / updated at ${escape(when)}, refreshes every ${QUEUE_PAGE_REFRESH_SECONDS} s</p>`),
  };
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${QUEUE_PAGE_REFRESH_SECONDS}"><meta name="robots" content="noindex">
<title>${escape(title)}</title>
<style>body{font:18px system-ui,sans-serif;margin:20px;color:#1b1b1b;max-width:36em}.number{font-size:64px;font-weight:700;margin:8px 0}
.big{font-size:22px}.en{color:#555}.small{font-size:14px;color:#555;margin-top:24px}</style></head>
<body><h1>${escape(title)}</h1>${body}</body></html>`;
}
