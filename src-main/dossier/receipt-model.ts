import type { Database } from 'better-sqlite3';
import type { Receipt } from '../../src-shared/dossier';
import type { Language, LocalizedText } from '../../src-shared/dto';
import { formatLocalDateTime } from '../../src-shared/format';
import type { ReceiptPrintData } from '../devices/printer/receipt-layout';
import { agencyName } from '../catalog/catalog-repository';
import * as repo from './dossier-repository';
import { receiptQrText } from './receipt-qr';
import { receiptTexts } from './receipt-texts';

/** Form 01 as data, from the stored rows (so a reprint says exactly what the first print said). */
export function buildReceipt(db: Database, dossier: repo.DossierRow, centerName: LocalizedText, timeZone: string): Receipt {
  const code = dossier.official_code ?? dossier.provisional_code ?? '';
  const docs = repo.listDocuments(db, dossier.id);
  return {
    dossierId: dossier.id,
    code,
    provisional: dossier.official_code === null,
    provisionalCode: dossier.provisional_code,
    officialCode: dossier.official_code,
    qrText: receiptQrText(code),
    agencyName: agencyName(db, dossier.agency_code),
    centerName,
    applicantName: dossier.applicant_name,
    applicantAddress: dossier.applicant_address,
    phone: dossier.phone,
    email: dossier.email,
    representativeName: dossier.representative_name,
    procedureCode: dossier.procedure_code,
    procedureName: { vi: dossier.procedure_name_vi, en: dossier.procedure_name_en },
    documents: docs.map((d) => ({
      name: { vi: d.name_vi, en: d.name_en },
      form: { vi: receiptTexts.vi.form[d.form] ?? d.form, en: receiptTexts.en.form[d.form] ?? d.form },
      copies: d.copies,
      kind: d.kind,
      pageCount: d.page_count,
    })),
    processingDays: dossier.processing_days,
    receivedAt: dossier.received_at,
    receivedAtText: formatLocalDateTime(new Date(dossier.received_at), timeZone),
    appointmentAt: dossier.appointment_at,
    appointmentAtText: formatLocalDateTime(new Date(dossier.appointment_at), timeZone),
    delivery: dossier.delivery_method,
    postalAddress: dossier.postal_address,
    terminalId: dossier.terminal_id,
  };
}

/** The receipt as label/value rows in one language: what the paper, the PDF and the screen list. */
export function receiptRows(r: Receipt, language: Language): { label: string; value: string; emphasis?: boolean }[] {
  const t = receiptTexts[language];
  const rows: { label: string; value: string; emphasis?: boolean }[] = [
    { label: t.agency, value: r.agencyName[language] },
    { label: t.applicant, value: r.applicantName },
  ];
  if (r.representativeName) rows.push({ label: t.representative, value: r.representativeName });
  rows.push({ label: t.address, value: r.applicantAddress });
  if (r.phone) rows.push({ label: t.phone, value: r.phone });
  if (r.email) rows.push({ label: t.email, value: r.email });
  rows.push(
    { label: t.request, value: `${r.procedureName[language]} (${r.procedureCode})` },
    { label: t.processing, value: t.days(r.processingDays) },
    { label: t.receivedAt, value: r.receivedAtText },
    { label: t.appointmentAt, value: r.appointmentAtText, emphasis: true },
    {
      label: t.delivery,
      value: r.delivery === 'post' && r.postalAddress ? `${t.deliveryMethod.post}: ${r.postalAddress}` : t.deliveryMethod[r.delivery],
    },
    { label: t.terminal, value: t.terminalValue(r.terminalId) },
  );
  return rows;
}

export const documentLine = (d: Receipt['documents'][number], language: Language): string => {
  const t = receiptTexts[language];
  const how = d.kind === 'scanned' ? t.scanned(d.pageCount) : t.paper;
  return `${d.name[language]} (${d.form[language]}, ${d.copies}; ${how})`;
};

export function receiptPrintData(r: Receipt, language: Language, footer: string): ReceiptPrintData {
  const t = receiptTexts[language];
  return {
    centerName: r.centerName[language],
    title: t.title,
    codeLabel: t.code,
    code: r.code,
    provisionalNote: r.provisional ? t.provisional : null,
    qrText: r.qrText,
    qrCaption: t.qr,
    rows: receiptRows(r, language),
    documentsTitle: t.documents,
    documents: r.documents.map((d) => documentLine(d, language)),
    footer,
  };
}
