/**
 * An error that means the disk took nothing more: full (ENOSPC, EDQUOT, SQLITE_FULL), a file
 * grown past what the system allows (EFBIG: a file-size limit, or the file system's own), or a
 * write SQLite could not complete (SQLITE_IOERR_WRITE: what SQLite reports when the write call
 * fails with anything but ENOSPC, e.g. EFBIG). Whatever was being written was rolled back.
 */
export function isStorageWriteFailure(error: unknown): boolean {
  // Along the cause chain: a service may already have put the failure into plain words.
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && STORAGE_WRITE_CODES.has(code)) return true;
  }
  return false;
}

const STORAGE_WRITE_CODES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'SQLITE_FULL', 'SQLITE_IOERR_WRITE']);

/** For the citizen: nothing was saved, nothing is lost, staff can help. */
export const storageFullMessage = {
  vi: 'Bộ nhớ của ki-ốt đã đầy nên chưa lưu được. Không có thông tin nào bị mất. Vui lòng báo cán bộ hỗ trợ.',
  en: 'The kiosk’s storage is full, so nothing could be saved. Nothing was lost. Please ask the staff.',
} as const;

/** For the citizen, before a scan, after the disk refused a write. */
export const storageFullScanMessage = {
  vi: 'Bộ nhớ của ki-ốt đã đầy nên tạm thời không quét được tài liệu. Vui lòng báo cán bộ hỗ trợ, hoặc chọn nộp bản giấy tại quầy.',
  en: 'The kiosk’s storage is full, so documents cannot be scanned right now. Please ask the staff, or choose to hand in the paper copy at the counter.',
} as const;

/** For the citizen, before a scan: the kiosk keeps its last room for records, not for images. */
export const storageLowScanMessage = {
  vi: 'Bộ nhớ của ki-ốt sắp đầy nên tạm thời không quét được tài liệu. Vui lòng báo cán bộ hỗ trợ, hoặc chọn nộp bản giấy tại quầy.',
  en: 'The kiosk’s storage is almost full, so documents cannot be scanned right now. Please ask the staff, or choose to hand in the paper copy at the counter.',
} as const;
