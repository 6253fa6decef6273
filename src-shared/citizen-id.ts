/**
 * The personal identification number (số định danh cá nhân) on a chip-based ID card: 12 digits,
 * the first three the code of the province where the birth was registered.
 *
 * Codes: Annex I of Circular 07/2016/TT-BCA, kept by Circular 59/2021/TT-BCA (decision 0023
 * gives the sources). The 63 codes stay valid on numbers issued before the 2025 province merger:
 * a number never changes, so the merged provinces' old codes keep appearing on cards.
 * The one list for the core's parser and validation and the renderer's check.
 */
export const birthProvinceCodes: Readonly<Record<string, string>> = {
  '001': 'Hà Nội',
  '002': 'Hà Giang',
  '004': 'Cao Bằng',
  '006': 'Bắc Kạn',
  '008': 'Tuyên Quang',
  '010': 'Lào Cai',
  '011': 'Điện Biên',
  '012': 'Lai Châu',
  '014': 'Sơn La',
  '015': 'Yên Bái',
  '017': 'Hòa Bình',
  '019': 'Thái Nguyên',
  '020': 'Lạng Sơn',
  '022': 'Quảng Ninh',
  '024': 'Bắc Giang',
  '025': 'Phú Thọ',
  '026': 'Vĩnh Phúc',
  '027': 'Bắc Ninh',
  '030': 'Hải Dương',
  '031': 'Hải Phòng',
  '033': 'Hưng Yên',
  '034': 'Thái Bình',
  '035': 'Hà Nam',
  '036': 'Nam Định',
  '037': 'Ninh Bình',
  '038': 'Thanh Hóa',
  '040': 'Nghệ An',
  '042': 'Hà Tĩnh',
  '044': 'Quảng Bình',
  '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế',
  '048': 'Đà Nẵng',
  '049': 'Quảng Nam',
  '051': 'Quảng Ngãi',
  '052': 'Bình Định',
  '054': 'Phú Yên',
  '056': 'Khánh Hòa',
  '058': 'Ninh Thuận',
  '060': 'Bình Thuận',
  '062': 'Kon Tum',
  '064': 'Gia Lai',
  '066': 'Đắk Lắk',
  '067': 'Đắk Nông',
  '068': 'Lâm Đồng',
  '070': 'Bình Phước',
  '072': 'Tây Ninh',
  '074': 'Bình Dương',
  '075': 'Đồng Nai',
  '077': 'Bà Rịa - Vũng Tàu',
  '079': 'Hồ Chí Minh',
  '080': 'Long An',
  '082': 'Tiền Giang',
  '083': 'Bến Tre',
  '084': 'Trà Vinh',
  '086': 'Vĩnh Long',
  '087': 'Đồng Tháp',
  '089': 'An Giang',
  '091': 'Kiên Giang',
  '092': 'Cần Thơ',
  '093': 'Hậu Giang',
  '094': 'Sóc Trăng',
  '095': 'Bạc Liêu',
  '096': 'Cà Mau',
};

export type CitizenIdProblem = 'format' | 'province';

/** What is wrong with a personal ID number, or null: not 12 digits; no province code (or all zeros). */
export function citizenIdProblem(text: string): CitizenIdProblem | null {
  if (!/^\d{12}$/.test(text)) return 'format';
  if (/^0{12}$/.test(text) || !Object.prototype.hasOwnProperty.call(birthProvinceCodes, text.slice(0, 3))) return 'province';
  return null;
}

/** The citizen-facing words for a typed ID number's problem (the scan parser has its own). */
export const citizenIdMessages = {
  format: { vi: 'Số định danh cá nhân phải gồm đúng 12 chữ số.', en: 'The personal ID number must have exactly 12 digits.' },
  province: {
    vi: 'Số định danh cá nhân không đúng: 3 chữ số đầu phải là mã tỉnh nơi đăng ký khai sinh (ví dụ 001 là Hà Nội). Vui lòng kiểm tra lại số trên thẻ căn cước.',
    en: 'The personal ID number is not right: its first 3 digits must be the code of the province where the birth was registered (for example 001 is Hà Nội). Please check the number on your ID card.',
  },
} as const;
