import type { ScanMessage } from '../../src-shared/scan';

/**
 * What the kiosk tells the citizen after a scan it cannot use, in plain words. The remedy is
 * always something the citizen can do now: scan again, or type. No personal data in here.
 */
export const scanMessages = {
  tooLong: {
    vi: 'Mã vừa quét quá dài, không phải mã của thẻ căn cước hay phiếu hẹn. Vui lòng quét lại hoặc nhập bằng bàn phím.',
    en: 'The scanned code is too long: it is not from an ID card or a receipt. Please scan again or type it in.',
  },
  notCccd: {
    vi: 'Không đọc được mã QR của thẻ căn cước. Vui lòng quét lại mã QR trên thẻ hoặc nhập thông tin bằng bàn phím.',
    en: 'We could not read the QR code of the ID card. Please scan the QR code on your card again or type your details.',
  },
  garbled: {
    vi: 'Máy quét đọc sai chữ tiếng Việt trên thẻ. Vui lòng nhập họ tên và địa chỉ bằng bàn phím trên màn hình.',
    en: 'The scanner misread the Vietnamese letters on your card. Please type your name and address on the screen keyboard.',
  },
  invalidId: {
    vi: 'Số định danh trên mã QR không hợp lệ (phải gồm 12 chữ số). Vui lòng quét lại hoặc nhập thông tin bằng bàn phím.',
    en: 'The ID number in the QR code is not valid (it must have 12 digits). Please scan again or type your details.',
  },
  idProvince: {
    vi: 'Số định danh trên mã QR không hợp lệ (3 chữ số đầu không phải mã tỉnh). Vui lòng quét lại hoặc nhập thông tin bằng bàn phím.',
    en: 'The ID number in the QR code is not valid (its first 3 digits are not a province code). Please scan again or type your details.',
  },
  cccdFieldTooLong: {
    vi: 'Họ tên hoặc địa chỉ trên mã QR dài hơn kiosk nhận được (họ tên tối đa 100 ký tự, địa chỉ tối đa 250 ký tự). Vui lòng nhập thông tin bằng bàn phím.',
    en: 'The name or address in the QR code is longer than the kiosk accepts (name up to 100 characters, address up to 250). Please type your details on the screen keyboard.',
  },
  invalidDate: {
    vi: 'Ngày sinh hoặc ngày cấp trên mã QR không hợp lệ. Vui lòng quét lại hoặc nhập thông tin bằng bàn phím.',
    en: 'The birth date or issue date in the QR code is not valid. Please scan again or type your details.',
  },
  invalidSex: {
    vi: 'Không đọc được giới tính trên mã QR. Vui lòng quét lại hoặc nhập thông tin bằng bàn phím.',
    en: 'We could not read the sex in the QR code. Please scan again or type your details.',
  },
  notDossierCode: {
    vi: 'Đây không phải mã hồ sơ. Vui lòng kiểm tra lại mã trên phiếu hẹn.',
    en: 'This is not a dossier code. Please check the code on your receipt.',
  },
  invalidDossierDate: {
    vi: 'Mã hồ sơ có ngày không hợp lệ. Vui lòng quét lại hoặc nhập mã hồ sơ trên phiếu hẹn.',
    en: 'The dossier code has an invalid date. Please scan again or type the dossier code from your receipt.',
  },
  notReceipt: {
    vi: 'Đây không phải mã QR trên phiếu hẹn. Vui lòng quét mã QR in trên phiếu hẹn.',
    en: 'This is not the QR code of a receipt. Please scan the QR code printed on your receipt.',
  },
  receiptMisread: {
    vi: 'Mã QR trên phiếu hẹn bị đọc sai. Vui lòng quét lại, giữ phiếu phẳng, hoặc nhập mã hồ sơ bằng bàn phím.',
    en: 'The receipt QR code was misread. Please scan again with the receipt held flat, or type the dossier code.',
  },
  unrecognized: {
    vi: 'Không nhận ra mã vừa quét. Vui lòng quét mã QR trên thẻ căn cước hoặc trên phiếu hẹn, hoặc nhập bằng bàn phím.',
    en: 'We did not recognise this code. Please scan the QR code on your ID card or on your receipt, or type it in.',
  },
} as const satisfies Record<string, ScanMessage>;
