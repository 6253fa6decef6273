import type { LocalizedText } from '../../../src-shared/dto';
import type { DeviceReason } from '../../../src-shared/reasons';

/** Why a document scan did not give (all) the pages; each has words a citizen can act on. */
export type ScanFailure =
  | 'no-device'
  | 'not-installed'
  | 'jammed'
  | 'feeder-empty'
  | 'no-feeder'
  | 'cover-open'
  | 'busy'
  | 'timeout'
  | 'cancelled'
  | 'page-limit'
  | 'size-limit'
  | 'device-error';

/**
 * The scanner's health reason after a failure. Cancelled and the two dossier limits stop a job,
 * not the device: it is still ready.
 */
export const deviceReasonOf: Record<ScanFailure, DeviceReason> = {
  'no-device': 'docscan_no_device',
  'not-installed': 'docscan_not_installed',
  jammed: 'docscan_jammed',
  'feeder-empty': 'docscan_feeder_empty',
  'no-feeder': 'docscan_no_feeder',
  'cover-open': 'docscan_cover_open',
  busy: 'docscan_busy',
  timeout: 'docscan_timeout',
  cancelled: 'docscan_ready',
  'page-limit': 'docscan_ready',
  'size-limit': 'docscan_ready',
  'device-error': 'docscan_device_error',
};

export const scanFailureMessages: Record<ScanFailure, LocalizedText> = {
  'no-device': {
    vi: 'Không tìm thấy máy quét tài liệu. Vui lòng báo cán bộ hỗ trợ.',
    en: 'No document scanner was found. Please ask the staff for help.',
  },
  'not-installed': {
    vi: 'Máy kiosk chưa cài phần mềm máy quét. Vui lòng báo cán bộ hỗ trợ.',
    en: 'The scanner software is not installed on this kiosk. Please ask the staff for help.',
  },
  jammed: {
    vi: 'Giấy bị kẹt trong máy quét. Vui lòng mở khay, gỡ giấy ra rồi quét lại.',
    en: 'The paper is jammed in the scanner. Please open the tray, remove the paper and scan again.',
  },
  'feeder-empty': {
    vi: 'Khay nạp giấy đang trống. Vui lòng đặt giấy vào khay (mặt cần quét úp xuống) rồi bấm quét lại.',
    en: 'The document feeder is empty. Please put your pages in the feeder and tap scan again.',
  },
  'no-feeder': {
    vi: 'Máy quét này không có khay nạp giấy tự động. Vui lòng đặt từng trang lên mặt kính để quét.',
    en: 'This scanner has no document feeder. Please place each page on the glass to scan it.',
  },
  'cover-open': {
    vi: 'Nắp máy quét đang mở. Vui lòng đóng nắp rồi quét lại.',
    en: 'The scanner cover is open. Please close it and scan again.',
  },
  busy: {
    vi: 'Máy quét đang bận. Vui lòng chờ một lát rồi quét lại.',
    en: 'The scanner is busy. Please wait a moment and scan again.',
  },
  timeout: {
    vi: 'Máy quét không phản hồi. Vui lòng thử lại; nếu vẫn không được, hãy báo cán bộ hỗ trợ.',
    en: 'The scanner is not responding. Please try again; if it still does not work, ask the staff.',
  },
  cancelled: {
    vi: 'Đã hủy quét. Các trang đã quét trước đó vẫn được giữ nguyên.',
    en: 'Scanning was cancelled. Pages scanned before are kept.',
  },
  'page-limit': {
    vi: 'Hồ sơ đã đủ số trang tối đa được phép. Các trang quét thêm không được lưu.',
    en: 'The dossier has reached the largest number of pages allowed. Extra pages were not kept.',
  },
  'size-limit': {
    vi: 'Hồ sơ đã đạt dung lượng tối đa được phép. Các trang quét thêm không được lưu; vui lòng quét ở chế độ đen trắng hoặc bớt trang.',
    en: 'The dossier has reached the largest size allowed. Extra pages were not kept; please scan in grey or with fewer pages.',
  },
  'device-error': {
    vi: 'Máy quét gặp lỗi. Vui lòng thử lại; nếu vẫn không được, hãy báo cán bộ hỗ trợ.',
    en: 'The scanner reported an error. Please try again; if it still does not work, ask the staff.',
  },
};

/** A scan that could not finish; `detail` is for the log and staff, never personal data. */
export class DocumentScanError extends Error {
  readonly text: LocalizedText;

  constructor(
    readonly failure: ScanFailure,
    readonly detail = '',
  ) {
    super(`${scanFailureMessages[failure].en}${detail ? ` (${detail})` : ''}`);
    this.text = scanFailureMessages[failure];
  }
}
