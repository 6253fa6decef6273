import type { CatalogDocument, FormField, Procedure, RequiredDocument } from '../../src-shared/catalog';

/**
 * A large, deterministic, realistic-looking catalog for benchmarks and load tests: Vietnamese
 * procedure names built from verbs × objects × qualifiers (with tone marks, so search folding is
 * exercised), unique national-style codes, 12 fields, 6 agencies, documents and form fields.
 * Same (count, seed) → byte-identical JSON. Marked `demo: true`: never a real publication.
 */

type Text = { vi: string; en: string };
type Level = Procedure['level'];
type Delivery = Procedure['delivery'][number];

/** mulberry32: tiny, fast, good enough for test data; no Math.random. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIELDS = [
  { code: 'dat-dai', name: { vi: 'Đất đai', en: 'Land' }, icon: 'land' },
  { code: 'ho-tich', name: { vi: 'Hộ tịch', en: 'Civil status' }, icon: 'family' },
  { code: 'chung-thuc', name: { vi: 'Chứng thực', en: 'Certification' }, icon: 'stamp' },
  { code: 'ho-kinh-doanh', name: { vi: 'Hộ kinh doanh', en: 'Household businesses' }, icon: 'shop' },
  { code: 'xay-dung', name: { vi: 'Xây dựng', en: 'Construction' }, icon: 'building' },
  { code: 'bao-tro-xa-hoi', name: { vi: 'Bảo trợ xã hội', en: 'Social protection' }, icon: 'people' },
  { code: 'tu-phap', name: { vi: 'Tư pháp', en: 'Justice' }, icon: 'scale' },
  { code: 'giao-thong', name: { vi: 'Giao thông vận tải', en: 'Transport' }, icon: 'car' },
  { code: 'lao-dong', name: { vi: 'Lao động – Việc làm', en: 'Labour and employment' }, icon: 'briefcase' },
  { code: 'giao-duc', name: { vi: 'Giáo dục và Đào tạo', en: 'Education and training' }, icon: 'school' },
  { code: 'y-te', name: { vi: 'Y tế', en: 'Health' }, icon: 'health' },
  { code: 'moi-truong', name: { vi: 'Môi trường', en: 'Environment' }, icon: 'document' },
] as const;
type FieldCode = (typeof FIELDS)[number]['code'];

const AGENCIES = [
  { code: '000.00.31.H29', name: { vi: 'Văn phòng Đăng ký đất đai tỉnh (THỬ NGHIỆM)', en: 'Provincial Land Registration Office (SYNTHETIC)' } },
  { code: '000.00.12.H29', name: { vi: 'Ủy ban nhân dân cấp xã (THỬ NGHIỆM)', en: 'Commune People’s Committee (SYNTHETIC)' } },
  { code: '000.00.17.H29', name: { vi: 'Sở Tư pháp (THỬ NGHIỆM)', en: 'Department of Justice (SYNTHETIC)' } },
  { code: '000.21.12.H29', name: { vi: 'Phòng Tài chính – Kế hoạch cấp huyện (THỬ NGHIỆM)', en: 'District Finance and Planning Office (SYNTHETIC)' } },
  { code: '000.00.19.H29', name: { vi: 'Sở Xây dựng (THỬ NGHIỆM)', en: 'Department of Construction (SYNTHETIC)' } },
  { code: '000.00.22.H29', name: { vi: 'Sở Lao động – Thương binh và Xã hội (THỬ NGHIỆM)', en: 'Department of Labour, Invalids and Social Affairs (SYNTHETIC)' } },
] as const;

const VERBS: readonly Text[] = [
  { vi: 'Đăng ký', en: 'Registration of' },
  { vi: 'Cấp', en: 'Issue of' },
  { vi: 'Cấp đổi', en: 'Renewal of' },
  { vi: 'Cấp lại', en: 'Reissue of' },
  { vi: 'Điều chỉnh', en: 'Amendment of' },
  { vi: 'Xác nhận', en: 'Confirmation of' },
  { vi: 'Thẩm định', en: 'Appraisal of' },
  { vi: 'Gia hạn', en: 'Extension of' },
  { vi: 'Thu hồi', en: 'Revocation of' },
  { vi: 'Đính chính', en: 'Correction of' },
  { vi: 'Công nhận', en: 'Recognition of' },
  { vi: 'Thông báo thay đổi', en: 'Notification of changes to' },
  { vi: 'Chấm dứt', en: 'Termination of' },
  { vi: 'Phê duyệt', en: 'Approval of' },
];

const OBJECTS: readonly (Text & { field: FieldCode })[] = [
  { field: 'dat-dai', vi: 'quyền sử dụng đất', en: 'land use rights' },
  { field: 'dat-dai', vi: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', en: 'land use right and property certificates' },
  { field: 'dat-dai', vi: 'biến động đất đai', en: 'land changes' },
  { field: 'dat-dai', vi: 'hợp đồng thuê đất', en: 'land lease contracts' },
  { field: 'dat-dai', vi: 'ranh giới thửa đất', en: 'parcel boundaries' },
  { field: 'ho-tich', vi: 'khai sinh', en: 'birth records' },
  { field: 'ho-tich', vi: 'kết hôn', en: 'marriage records' },
  { field: 'ho-tich', vi: 'thông tin hộ tịch', en: 'civil status information' },
  { field: 'ho-tich', vi: 'giám hộ', en: 'guardianship' },
  { field: 'chung-thuc', vi: 'bản sao từ bản chính', en: 'copies from originals' },
  { field: 'chung-thuc', vi: 'chữ ký trong giấy tờ, văn bản', en: 'signatures on documents' },
  { field: 'chung-thuc', vi: 'hợp đồng, giao dịch về nhà ở', en: 'housing contracts and transactions' },
  { field: 'ho-kinh-doanh', vi: 'hộ kinh doanh', en: 'household businesses' },
  { field: 'ho-kinh-doanh', vi: 'địa điểm kinh doanh', en: 'business locations' },
  { field: 'ho-kinh-doanh', vi: 'giấy phép bán lẻ rượu', en: 'liquor retail licences' },
  { field: 'ho-kinh-doanh', vi: 'giấy phép kinh doanh karaoke', en: 'karaoke business licences' },
  { field: 'xay-dung', vi: 'giấy phép xây dựng nhà ở riêng lẻ', en: 'construction permits for individual houses' },
  { field: 'xay-dung', vi: 'giấy phép xây dựng công trình', en: 'construction permits for works' },
  { field: 'xay-dung', vi: 'chứng chỉ hành nghề hoạt động xây dựng', en: 'construction practising certificates' },
  { field: 'xay-dung', vi: 'thiết kế xây dựng triển khai sau thiết kế cơ sở', en: 'detailed construction designs' },
  { field: 'bao-tro-xa-hoi', vi: 'trợ cấp xã hội hàng tháng', en: 'monthly social allowances' },
  { field: 'bao-tro-xa-hoi', vi: 'mức độ khuyết tật', en: 'disability levels' },
  { field: 'bao-tro-xa-hoi', vi: 'hộ nghèo, hộ cận nghèo', en: 'poor and near-poor households' },
  { field: 'bao-tro-xa-hoi', vi: 'hỗ trợ chi phí mai táng', en: 'funeral cost support' },
  { field: 'tu-phap', vi: 'Phiếu lý lịch tư pháp', en: 'criminal record certificates' },
  { field: 'tu-phap', vi: 'việc nuôi con nuôi', en: 'adoptions' },
  { field: 'tu-phap', vi: 'tổ hòa giải ở cơ sở', en: 'grassroots mediation teams' },
  { field: 'tu-phap', vi: 'thẻ công chứng viên', en: 'notary cards' },
  { field: 'giao-thong', vi: 'Giấy phép kinh doanh vận tải bằng xe ô tô', en: 'road transport business licences' },
  { field: 'giao-thong', vi: 'phù hiệu xe ô tô kinh doanh vận tải', en: 'commercial vehicle badges' },
  { field: 'giao-thong', vi: 'phương tiện thủy nội địa', en: 'inland waterway vessels' },
  { field: 'giao-thong', vi: 'giấy phép lưu hành xe quá tải trọng', en: 'overload vehicle circulation permits' },
  { field: 'lao-dong', vi: 'giấy phép lao động cho người nước ngoài', en: 'work permits for foreigners' },
  { field: 'lao-dong', vi: 'nội quy lao động', en: 'labour regulations' },
  { field: 'lao-dong', vi: 'trợ cấp thất nghiệp', en: 'unemployment benefits' },
  { field: 'lao-dong', vi: 'hợp đồng cung ứng lao động', en: 'labour supply contracts' },
  { field: 'giao-duc', vi: 'văn bằng, chứng chỉ', en: 'diplomas and certificates' },
  { field: 'giao-duc', vi: 'trường mầm non tư thục', en: 'private kindergartens' },
  { field: 'giao-duc', vi: 'hoạt động dạy thêm, học thêm', en: 'extra-tuition activities' },
  { field: 'giao-duc', vi: 'chính sách hỗ trợ học sinh bán trú', en: 'semi-boarding pupil support' },
  { field: 'y-te', vi: 'chứng chỉ hành nghề khám bệnh, chữa bệnh', en: 'medical practising certificates' },
  { field: 'y-te', vi: 'cơ sở đủ điều kiện an toàn thực phẩm', en: 'food safety certificates' },
  { field: 'y-te', vi: 'giấy phép hoạt động phòng khám', en: 'clinic operating licences' },
  { field: 'y-te', vi: 'nhà thuốc đạt chuẩn', en: 'pharmacy certifications' },
  { field: 'moi-truong', vi: 'kế hoạch bảo vệ môi trường', en: 'environmental protection plans' },
  { field: 'moi-truong', vi: 'giấy phép khai thác nước dưới đất', en: 'groundwater extraction licences' },
  { field: 'moi-truong', vi: 'giấy phép môi trường', en: 'environmental licences' },
  { field: 'moi-truong', vi: 'báo cáo đánh giá tác động môi trường', en: 'environmental impact assessments' },
];

const QUALIFIERS: readonly Text[] = [
  { vi: '', en: '' },
  { vi: 'cấp tỉnh', en: '(provincial level)' },
  { vi: 'cấp huyện', en: '(district level)' },
  { vi: 'cấp xã', en: '(commune level)' },
  { vi: 'cho người nước ngoài', en: 'for foreigners' },
  { vi: 'cho người Việt Nam định cư ở nước ngoài', en: 'for overseas Vietnamese' },
  { vi: 'lần đầu', en: '(first time)' },
  { vi: 'do bị mất, hư hỏng', en: 'after loss or damage' },
  { vi: 'đối với hộ gia đình, cá nhân', en: 'for households and individuals' },
  { vi: 'đối với tổ chức', en: 'for organisations' },
  { vi: 'có yếu tố nước ngoài', en: 'involving a foreign element' },
  { vi: 'theo hình thức trực tuyến toàn trình', en: '(fully online)' },
  { vi: 'tại khu vực biên giới', en: 'in border areas' },
  { vi: 'trong khu công nghiệp, khu kinh tế', en: 'in industrial and economic zones' },
  { vi: 'khi thay đổi thông tin', en: 'after a change of details' },
  { vi: 'theo quyết định của Tòa án', en: 'under a court decision' },
  { vi: 'cho đối tượng chính sách', en: 'for policy beneficiaries' },
];

const FIELD_AGENCY: Record<FieldCode, number> = {
  'dat-dai': 0, 'ho-tich': 1, 'chung-thuc': 1, 'ho-kinh-doanh': 3, 'xay-dung': 4, 'bao-tro-xa-hoi': 1,
  'tu-phap': 2, 'giao-thong': 4, 'lao-dong': 5, 'giao-duc': 1, 'y-te': 1, 'moi-truong': 0,
};

const LEGAL: Record<FieldCode, readonly string[]> = {
  'dat-dai': ['Luật Đất đai số 31/2024/QH15', 'Nghị định 101/2024/NĐ-CP', 'Nghị định 102/2024/NĐ-CP'],
  'ho-tich': ['Luật Hộ tịch số 60/2014/QH13', 'Nghị định 123/2015/NĐ-CP', 'Thông tư 04/2020/TT-BTP'],
  'chung-thuc': ['Nghị định 23/2015/NĐ-CP', 'Thông tư 01/2020/TT-BTP', 'Thông tư 226/2016/TT-BTC'],
  'ho-kinh-doanh': ['Nghị định 168/2025/NĐ-CP', 'Thông tư 85/2019/TT-BTC'],
  'xay-dung': ['Luật Xây dựng số 50/2014/QH13', 'Luật số 62/2020/QH14', 'Nghị định 175/2024/NĐ-CP'],
  'bao-tro-xa-hoi': ['Nghị định 20/2021/NĐ-CP', 'Nghị định 76/2024/NĐ-CP', 'Luật Người khuyết tật số 51/2010/QH12'],
  'tu-phap': ['Luật Lý lịch tư pháp số 28/2009/QH12', 'Luật Nuôi con nuôi số 52/2010/QH12', 'Luật Hòa giải ở cơ sở số 35/2013/QH13'],
  'giao-thong': ['Luật Đường bộ số 35/2024/QH15', 'Nghị định 158/2024/NĐ-CP'],
  'lao-dong': ['Bộ luật Lao động số 45/2019/QH14', 'Luật Việc làm số 38/2013/QH13', 'Nghị định 145/2020/NĐ-CP'],
  'giao-duc': ['Luật Giáo dục số 43/2019/QH14', 'Thông tư 21/2019/TT-BGDĐT'],
  'y-te': ['Luật Khám bệnh, chữa bệnh số 15/2023/QH15', 'Luật An toàn thực phẩm số 55/2010/QH12', 'Nghị định 15/2018/NĐ-CP'],
  'moi-truong': ['Luật Bảo vệ môi trường số 72/2020/QH14', 'Nghị định 08/2022/NĐ-CP', 'Luật Tài nguyên nước số 28/2023/QH15'],
};

const DOCUMENT_POOL: readonly (Text & { id: string; form: RequiredDocument['form']; acceptScan: boolean })[] = [
  { id: 'ban-sao-giay-to-tuy-than', vi: 'Bản sao giấy tờ tùy thân của người đề nghị', en: 'Copy of the applicant’s identity document', form: 'copy', acceptScan: true },
  { id: 'ban-chinh-giay-chung-nhan', vi: 'Bản chính Giấy chứng nhận đã cấp', en: 'Original of the certificate already issued', form: 'original', acceptScan: false },
  { id: 'van-ban-uy-quyen', vi: 'Văn bản ủy quyền (trường hợp ủy quyền)', en: 'Power of attorney (if applicable)', form: 'certified_copy', acceptScan: true },
  { id: 'ban-ve-so-do', vi: 'Bản vẽ, sơ đồ vị trí', en: 'Drawings and site plan', form: 'original', acceptScan: true },
  { id: 'giay-to-chung-minh-dieu-kien', vi: 'Giấy tờ chứng minh đủ điều kiện theo quy định', en: 'Proof that the statutory conditions are met', form: 'original_or_copy', acceptScan: true },
  { id: 'bien-lai-nop-phi', vi: 'Biên lai nộp phí, lệ phí (nếu có)', en: 'Fee receipt (if any)', form: 'original_or_copy', acceptScan: true },
  { id: 'anh-4x6', vi: 'Ảnh màu cỡ 4 × 6 cm chụp không quá 06 tháng', en: 'Colour photo 4 × 6 cm taken within 6 months', form: 'original', acceptScan: true },
  { id: 'quyet-dinh-cua-co-quan', vi: 'Quyết định, văn bản của cơ quan có thẩm quyền liên quan', en: 'Related decision of the competent authority', form: 'certified_copy', acceptScan: true },
  { id: 'giay-kham-suc-khoe', vi: 'Giấy khám sức khỏe do cơ sở y tế có thẩm quyền cấp', en: 'Health certificate from an authorised facility', form: 'original', acceptScan: false },
];

const FORM_POOL: readonly FormField[] = [
  { id: 'applicantBirthDate', type: 'date', label: { vi: 'Ngày sinh', en: 'Date of birth' }, required: true, prefill: 'cccd.birthDate' },
  { id: 'applicantAddress', type: 'text', label: { vi: 'Nơi cư trú', en: 'Place of residence' }, required: true, maxLength: 250, prefill: 'cccd.address' },
  { id: 'phone', type: 'phone', label: { vi: 'Số điện thoại', en: 'Phone number' }, required: true, pattern: '^0\\d{9}$' },
  { id: 'email', type: 'email', label: { vi: 'Thư điện tử', en: 'Email' }, required: false, maxLength: 120 },
  { id: 'details', type: 'textarea', label: { vi: 'Nội dung đề nghị', en: 'Details of the request' }, required: true, maxLength: 1000 },
  { id: 'copyCount', type: 'number', label: { vi: 'Số bản đề nghị cấp', en: 'Number of copies' }, required: false },
  {
    id: 'applicantSex', type: 'select', label: { vi: 'Giới tính', en: 'Sex' }, required: true, prefill: 'cccd.sex',
    options: [{ value: 'Nam', label: { vi: 'Nam', en: 'Male' } }, { value: 'Nữ', label: { vi: 'Nữ', en: 'Female' } }],
  },
];

const APPLICANT_FIELDS: readonly FormField[] = [
  { id: 'applicantName', type: 'text', label: { vi: 'Họ và tên người đề nghị', en: 'Applicant’s full name' }, required: true, maxLength: 100, prefill: 'cccd.fullName' },
  { id: 'applicantIdNumber', type: 'id-number', label: { vi: 'Số định danh cá nhân', en: 'Personal ID number' }, required: true, pattern: '^\\d{12}$', prefill: 'cccd.idNumber' },
];

const LEVELS: readonly Level[] = ['information', 'partly_online', 'partly_online', 'fully_online', 'fully_online'];
const DAYS: readonly number[] = [0, 1, 2, 3, 5, 7, 10, 15, 20, 30];
const FEES: readonly number[] = [0, 0, 0, 8000, 10000, 15000, 30000, 50000, 100000, 150000, 200000, 500000, 1250000];

/**
 * Codes: the first REALISTIC_CODES procedures get codes in the ranges real catalogs use
 * (1.000100–1.019999 and 2.000100–2.009999), in a seeded scattered order; after that the rest of
 * the 6-digit space is used in order. Every code is unique.
 */
const REALISTIC_CODES = 19_900 + 9_900;
const CODE_STRIDE = 7919; // prime, coprime with REALISTIC_CODES: i ↦ (offset + i·stride) mod n is a bijection
const REST_OF_1 = 980_000; // 1.020000–1.999999
const REST_OF_2 = 990_000; // 2.010000–2.999999

/** Highest count the code space allows. */
export const MAX_SYNTHETIC_PROCEDURES = REALISTIC_CODES + REST_OF_1 + REST_OF_2;

function syntheticCode(i: number, offset: number): string {
  const six = (n: number): string => String(n).padStart(6, '0');
  if (i < REALISTIC_CODES) {
    const n = (offset + i * CODE_STRIDE) % REALISTIC_CODES;
    return n < 19_900 ? `1.${six(100 + n)}` : `2.${six(100 + n - 19_900)}`;
  }
  const j = i - REALISTIC_CODES;
  return j < REST_OF_1 ? `1.${six(20_000 + j)}` : `2.${six(10_000 + j - REST_OF_1)}`;
}

export function generateSyntheticCatalog(count: number, seed = 1): CatalogDocument {
  if (!Number.isInteger(count) || count < 0 || count > MAX_SYNTHETIC_PROCEDURES) {
    throw new RangeError(`count must be an integer between 0 and ${MAX_SYNTHETIC_PROCEDURES}`);
  }
  const random = createRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

  // Every verb × object × qualifier combination once, in a seeded order; past that, numbered rounds.
  const combos: [number, number, number][] = [];
  for (let v = 0; v < VERBS.length; v++) {
    for (let o = 0; o < OBJECTS.length; o++) {
      for (let q = 0; q < QUALIFIERS.length; q++) combos.push([v, o, q]);
    }
  }
  for (let i = combos.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [combos[i], combos[j]] = [combos[j]!, combos[i]!];
  }

  const codeOffset = Math.floor(random() * REALISTIC_CODES);

  const procedures: Procedure[] = [];
  for (let i = 0; i < count; i++) {
    const [v, o, q] = combos[i % combos.length]!;
    const round = Math.floor(i / combos.length);
    const verb = VERBS[v]!;
    const object = OBJECTS[o]!;
    const qualifier = QUALIFIERS[q]!;
    const suffixVi = round > 0 ? ` (đợt ${round + 1})` : '';
    const suffixEn = round > 0 ? ` (round ${round + 1})` : '';
    const name = {
      vi: `${verb.vi} ${object.vi}${qualifier.vi ? ` ${qualifier.vi}` : ''}${suffixVi}`,
      en: `${verb.en} ${object.en}${qualifier.en ? ` ${qualifier.en}` : ''}${suffixEn}`,
    };

    const code = syntheticCode(i, codeOffset);

    const level = pick(LEVELS);
    const delivery: Delivery[] = level === 'fully_online' ? ['at_center', 'post', 'electronic'] : level === 'partly_online' ? ['at_center', 'post'] : ['at_center'];
    const amount = pick(FEES);
    const fees = amount === 0 ? [] : [{ label: { vi: `Lệ phí ${verb.vi.toLowerCase()} ${object.vi}`, en: `Fee for ${verb.en.toLowerCase()} ${object.en}` }, amountVnd: amount }];

    const documents: RequiredDocument[] = [
      {
        id: 'to-khai',
        name: { vi: `Tờ khai đề nghị ${verb.vi.toLowerCase()} ${object.vi} (theo mẫu)`, en: `Application form: ${verb.en.toLowerCase()} ${object.en}` },
        form: 'original', count: 1, mandatory: true, acceptScan: true,
      },
    ];
    const extraDocuments = 1 + Math.floor(random() * 4);
    const docStart = Math.floor(random() * DOCUMENT_POOL.length);
    for (let d = 0; d < extraDocuments; d++) {
      const template = DOCUMENT_POOL[(docStart + d) % DOCUMENT_POOL.length]!;
      documents.push({
        id: template.id,
        name: { vi: template.vi, en: template.en },
        form: template.form,
        count: template.id === 'anh-4x6' ? 2 : 1,
        mandatory: template.id !== 'van-ban-uy-quyen' && template.id !== 'bien-lai-nop-phi',
        acceptScan: template.acceptScan,
      });
    }

    const formFields: FormField[] = APPLICANT_FIELDS.map((f) => ({ ...f }));
    const extraFields = Math.floor(random() * 4);
    const fieldStart = Math.floor(random() * FORM_POOL.length);
    for (let f = 0; f < extraFields; f++) {
      const template = FORM_POOL[(fieldStart + f) % FORM_POOL.length]!;
      formFields.push({ ...template, label: { ...template.label }, ...(template.options ? { options: template.options.map((opt) => ({ value: opt.value, label: { ...opt.label } })) } : {}) });
    }

    const legal = LEGAL[object.field];
    procedures.push({
      code,
      name,
      fieldCode: object.field,
      agencyCode: AGENCIES[FIELD_AGENCY[object.field]]!.code,
      level,
      processingDays: pick(DAYS),
      fees,
      legalBasis: legal.slice(0, 1 + Math.floor(random() * legal.length)),
      delivery,
      documents,
      formFields,
      portalUrl: `https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=${code}`,
    });
  }

  return {
    schemaVersion: 1,
    version: `synthetic-${count}-seed-${seed}`.slice(0, 64),
    demo: true,
    publishedAt: '2026-01-01T00:00:00.000Z',
    fields: FIELDS.map((f) => ({ code: f.code, name: { ...f.name }, icon: f.icon })),
    agencies: AGENCIES.map((a) => ({ code: a.code, name: { ...a.name } })),
    procedures,
  };
}
