import type { Language } from '../../src-shared/dto';
import type { ProcedureDetail } from '../../src-shared/catalog';
import { formatVnd } from '../../src-shared/format';
import type { MonoBitmap } from '../devices/printer/mono-bitmap';
import { PaperLayout } from '../devices/printer/paper-layout';

const TEXTS = {
  vi: {
    title: 'DANH SÁCH GIẤY TỜ CẦN CHUẨN BỊ',
    code: 'Mã thủ tục',
    agency: 'Cơ quan thực hiện',
    documents: 'Thành phần hồ sơ',
    form: { original: 'Bản chính', copy: 'Bản sao', certified_copy: 'Bản sao chứng thực', original_or_copy: 'Bản chính hoặc bản sao' },
    count: (n: number) => `${n} bản`,
    optional: '(nếu có)',
    paperOnly: 'chỉ nhận bản giấy',
    fee: 'Phí, lệ phí',
    free: 'Không thu phí',
    time: 'Thời hạn giải quyết',
    days: (n: number) => (n === 0 ? 'Trong ngày' : `${n} ngày làm việc`),
    qr: 'Quét mã để xem thủ tục trên Cổng dịch vụ công',
  },
  en: {
    title: 'DOCUMENTS TO PREPARE',
    code: 'Procedure code',
    agency: 'Handled by',
    documents: 'Required documents',
    form: { original: 'Original', copy: 'Copy', certified_copy: 'Certified copy', original_or_copy: 'Original or copy' },
    count: (n: number) => `${n} ${n === 1 ? 'copy' : 'copies'}`,
    optional: '(if any)',
    paperOnly: 'paper only',
    fee: 'Fees',
    free: 'Free of charge',
    time: 'Processing time',
    days: (n: number) => (n === 0 ? 'Same day' : `${n} working days`),
    qr: 'Scan to see this procedure on the public service portal',
  },
} as const;

/** The checklist a citizen takes home: what to bring, with boxes to tick, the fee and the time. */
export function renderChecklist(p: ProcedureDetail, language: Language, portalUrl: string, footer: string, widthDots: number): MonoBitmap {
  const t = TEXTS[language];
  const paper = new PaperLayout(widthDots)
    .text(t.title, { size: 26, bold: true })
    .text(p.name[language], { size: 30, bold: true })
    .text(`${t.code}: ${p.code}`, { size: 22, gapAfter: 2 })
    .text(`${t.agency}: ${p.agencyName[language]}`, { size: 22 })
    .rule()
    .text(t.documents, { size: 26, bold: true, align: 'left' });
  for (const d of p.documents) {
    const notes = [t.form[d.form], t.count(d.count), d.mandatory ? '' : t.optional, d.acceptScan ? '' : t.paperOnly];
    paper.checkbox(`${d.name[language]} — ${notes.filter(Boolean).join(', ')}`, 24);
  }
  paper.rule().text(t.fee, { size: 24, bold: true, align: 'left', gapAfter: 2 });
  if (p.fees.length === 0 || p.fees.every((f) => f.amountVnd === 0)) paper.text(t.free, { size: 24, align: 'left' });
  for (const f of p.fees.filter((x) => x.amountVnd > 0)) paper.text(`${f.label[language]}: ${formatVnd(f.amountVnd)}`, { size: 24, align: 'left', gapAfter: 2 });
  return paper
    .text(`${t.time}: ${t.days(p.processingDays)}`, { size: 24, bold: true, align: 'left' })
    .rule()
    .qr(portalUrl, 200)
    .text(t.qr, { size: 20 })
    .text(footer, { size: 20, gapAfter: 0 })
    .finish();
}
