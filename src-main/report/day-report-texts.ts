import type { Language, LocalizedText, Priority } from '../../src-shared/dto';
import { formatLocalDateTime } from '../../src-shared/format';
import type { DayReport } from '../../src-shared/report';

/** The printed day report's words (paper and PDF say the same; the screen has its own in i18n). */
const TEXTS = {
  vi: {
    title: 'BÁO CÁO NGÀY',
    dayAt: (day: string, terminal: string) => `Ngày ${day} — Máy ${terminal}`,
    tickets: 'Số thứ tự đã phát',
    priority: { none: 'thường', elderly: 'người cao tuổi', disabled: 'người khuyết tật', pregnant: 'phụ nữ mang thai' } satisfies Record<Priority, string>,
    dossiers: 'Hồ sơ',
    submitted: 'Đã nộp',
    delivered: 'Đã gửi lên Cổng',
    pending: 'Chưa gửi được',
    payments: 'Thanh toán',
    started: 'Đã bắt đầu',
    confirmed: 'Đã xác nhận',
    failed: 'Không thành công',
    ratings: 'Đánh giá của người dân',
    ratedKiosk: 'Dịch vụ của máy',
    ratedDossier: 'Giải quyết hồ sơ',
    ratedCounter: 'Tại quầy',
    verySatisfied: 'Rất hài lòng',
    satisfied: 'Hài lòng',
    notSatisfied: 'Không hài lòng',
    withComment: 'Có ý kiến',
    link: 'Kết nối với Cổng',
    online: 'Trực tuyến',
    degraded: 'Chập chờn',
    offline: 'Mất kết nối',
    unknown: 'Không rõ (máy tắt)',
    onlinePercent: 'Tỷ lệ trực tuyến',
    printer: 'Máy in',
    noPaper: 'Hết giấy hoặc không in được',
    documents: 'Số hóa giấy tờ',
    pages: 'Trang đã quét',
    scanned: 'Giấy tờ đã quét',
    paper: 'Giấy tờ nộp bản giấy',
    digitized: 'Tỷ lệ số hóa',
    minutes: (n: number) => `${formatNumber(n, 'vi')} phút`,
    none: '—',
    generated: 'In lúc',
  },
  en: {
    title: 'DAY REPORT',
    dayAt: (day: string, terminal: string) => `Day ${day} — Terminal ${terminal}`,
    tickets: 'Queue tickets issued',
    priority: { none: 'regular', elderly: 'elderly', disabled: 'disability', pregnant: 'pregnant' } satisfies Record<Priority, string>,
    dossiers: 'Dossiers',
    submitted: 'Submitted',
    delivered: 'Delivered to the portal',
    pending: 'Not delivered yet',
    payments: 'Payments',
    started: 'Started',
    confirmed: 'Confirmed',
    failed: 'Failed',
    ratings: 'Citizen ratings',
    ratedKiosk: "The kiosk's service",
    ratedDossier: 'Dossier handling',
    ratedCounter: 'At the counter',
    verySatisfied: 'Very satisfied',
    satisfied: 'Satisfied',
    notSatisfied: 'Not satisfied',
    withComment: 'With a comment',
    link: 'Link to the portal',
    online: 'Online',
    degraded: 'Unstable',
    offline: 'Offline',
    unknown: 'Unknown (kiosk off)',
    onlinePercent: 'Online share',
    printer: 'Printer',
    noPaper: 'Out of paper or not printing',
    documents: 'Digitization',
    pages: 'Pages scanned',
    scanned: 'Documents scanned',
    paper: 'Documents on paper',
    digitized: 'Digitized share',
    minutes: (n: number) => `${formatNumber(n, 'en')} min`,
    none: '—',
    generated: 'Printed at',
  },
} as const;

export type ReportLine = { kind: 'title' | 'subtitle' | 'heading' | 'note'; text: string } | { kind: 'row'; label: string; value: string };

/** 1.350,5 in Vietnamese, 1,350.5 in English. */
function formatNumber(n: number, language: Language): string {
  const [whole = '0', fraction] = String(n).split('.');
  const [thousands, decimal] = language === 'vi' ? ['.', ','] : [',', '.'];
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, thousands) + (fraction ? decimal + fraction : '');
}

const percent = (n: number | null, language: Language): string => (n === null ? TEXTS[language].none : `${formatNumber(n, language)} %`);

/** `05/12/2026` from `2026-12-05`. */
const dayText = (day: string): string => day.split('-').reverse().join('/');

/** The day report as lines for paper and PDF, in one language. */
export function dayReportLines(r: DayReport, language: Language, centerName: LocalizedText, serviceNames: ReadonlyMap<string, LocalizedText>): ReportLine[] {
  const t = TEXTS[language];
  const n = (value: number) => formatNumber(value, language);
  const lines: ReportLine[] = [
    { kind: 'subtitle', text: centerName[language] },
    { kind: 'title', text: t.title },
    { kind: 'subtitle', text: t.dayAt(dayText(r.day), r.terminalId) },
    { kind: 'heading', text: `${t.tickets}: ${n(r.tickets.total)}` },
  ];
  for (const s of r.tickets.byService) {
    const parts = (Object.entries(s.byPriority) as [Priority, number][]).filter(([, c]) => c > 0).map(([p, c]) => `${t.priority[p]} ${n(c)}`);
    lines.push({ kind: 'row', label: serviceNames.get(s.serviceId)?.[language] ?? s.serviceId, value: `${n(s.total)} (${parts.join(', ')})` });
  }
  lines.push(
    { kind: 'heading', text: t.dossiers },
    { kind: 'row', label: t.submitted, value: n(r.dossiers.submitted) },
    { kind: 'row', label: t.delivered, value: n(r.dossiers.delivered) },
    { kind: 'row', label: t.pending, value: n(r.dossiers.pending) },
    { kind: 'heading', text: t.payments },
    { kind: 'row', label: t.started, value: n(r.payments.started) },
    { kind: 'row', label: t.confirmed, value: n(r.payments.confirmed) },
    { kind: 'row', label: t.failed, value: n(r.payments.failed) },
    { kind: 'heading', text: `${t.ratings}: ${n(r.ratings.total)}` },
    { kind: 'row', label: t.ratedKiosk, value: n(r.ratings.kiosk) },
    { kind: 'row', label: t.ratedDossier, value: n(r.ratings.dossier) },
    { kind: 'row', label: t.ratedCounter, value: n(r.ratings.counter) },
    { kind: 'row', label: t.verySatisfied, value: n(r.ratings.verySatisfied) },
    { kind: 'row', label: t.satisfied, value: n(r.ratings.satisfied) },
    { kind: 'row', label: t.notSatisfied, value: n(r.ratings.notSatisfied) },
    { kind: 'row', label: t.withComment, value: n(r.ratings.withComment) },
    { kind: 'heading', text: t.link },
    { kind: 'row', label: t.online, value: t.minutes(r.link.onlineMinutes) },
    { kind: 'row', label: t.degraded, value: t.minutes(r.link.degradedMinutes) },
    { kind: 'row', label: t.offline, value: t.minutes(r.link.offlineMinutes) },
    { kind: 'row', label: t.unknown, value: t.minutes(r.link.unknownMinutes) },
    { kind: 'row', label: t.onlinePercent, value: percent(r.link.onlinePercent, language) },
    { kind: 'heading', text: t.printer },
    { kind: 'row', label: t.noPaper, value: t.minutes(r.printer.withoutPaperOrPrinterMinutes) },
    { kind: 'heading', text: t.documents },
    { kind: 'row', label: t.pages, value: n(r.documents.pagesScanned) },
    { kind: 'row', label: t.scanned, value: n(r.documents.documentsScanned) },
    { kind: 'row', label: t.paper, value: n(r.documents.documentsOnPaper) },
    { kind: 'row', label: t.digitized, value: percent(r.documents.digitizedPercent, language) },
    { kind: 'note', text: `${t.generated} ${formatLocalDateTime(new Date(r.generatedAt), r.timeZone)}` },
  );
  return lines;
}

/** The PDF's title, e.g. `BÁO CÁO NGÀY 05/12/2026 KIOSK-01`. */
export const dayReportTitle = (r: DayReport, language: Language): string => `${TEXTS[language].title} ${dayText(r.day)} ${r.terminalId}`;
