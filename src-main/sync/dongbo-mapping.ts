import { zonedParts } from '../../src-shared/format';

/**
 * The national portal's one-stop sync record (`DongBoHoSoMC`, DOMAIN.md). No official schema is
 * public, so this follows the field names public integrations (OpenCPS) send; a province's bridge
 * posts it as is. Pure: same dossier in, same record out.
 */

/** What the mapping needs to know about a dossier; the dossier store fills it. */
export interface DossierForNational {
  /** Official code when known, else the provisional one (the bridge sends again once linked). */
  readonly code: string;
  readonly procedure: { readonly code: string; readonly name: string };
  readonly field: { readonly code: string; readonly name: string };
  readonly applicant: {
    readonly kind: 'citizen' | 'business';
    readonly name: string;
    /** CCCD number for a citizen, tax/business code for a business. */
    readonly idNumber: string;
    readonly email: string | null;
    readonly phone: string | null;
  };
  readonly summary: string;
  readonly receivedAt: Date;
  readonly appointmentAt: Date | null;
  /** 1–10, DOMAIN.md "Dossier status codes". */
  readonly status: number;
  readonly returnedAt: Date | null;
  readonly finishedAt: Date | null;
  /** 1 in person, 2 online, 3 public postal service. */
  readonly channel: 1 | 2 | 3;
  readonly agencyName: string;
  readonly note: string;
  readonly fees: readonly { readonly code: string; readonly name: string; readonly amountVnd: number }[];
  readonly files: readonly {
    readonly documentId: string;
    readonly fileName: string;
    readonly fileId: string;
    readonly url: string;
  }[];
}

export interface DongBoHoSoMC {
  MaHoSo: string;
  MaTTHC: string;
  TenTTHC: string;
  MaLinhVuc: string;
  TenLinhVuc: string;
  ChuHoSo: string;
  LoaiDoiTuong: '1' | '2';
  MaDoiTuong: string;
  Email: string;
  SoDienThoai: string;
  TrichYeuHoSo: string;
  NgayTiepNhan: string;
  NgayHenTra: string;
  TrangThaiHoSo: string;
  NgayTra: string;
  HinhThuc: string;
  NgayKetThucXuLy: string;
  DonViXuLy: string;
  GhiChu: string;
  DanhSachLePhi: { MaPhiLePhi: string; TenPhiLePhi: string; Gia: number }[];
  TaiLieuNop: {
    TenTepDinhKem: string;
    MaThanhPhanHoSo: string;
    TepDinhKemId: string;
    DuongDanTaiTepTin: string;
    IsDeleted: boolean;
  }[];
  DanhSachGiayToKetQua: never[];
}

export function toDongBoHoSoMC(dossier: DossierForNational, timeZone = 'Asia/Ho_Chi_Minh'): DongBoHoSoMC {
  if (!Number.isInteger(dossier.status) || dossier.status < 1 || dossier.status > 10) {
    throw new RangeError(`Dossier status must be 1–10, got ${dossier.status}`);
  }
  const date = (d: Date | null) => (d === null ? '' : formatCompactDateTime(d, timeZone));
  return {
    MaHoSo: dossier.code,
    MaTTHC: dossier.procedure.code,
    TenTTHC: dossier.procedure.name,
    MaLinhVuc: dossier.field.code,
    TenLinhVuc: dossier.field.name,
    ChuHoSo: dossier.applicant.name,
    LoaiDoiTuong: dossier.applicant.kind === 'citizen' ? '1' : '2',
    MaDoiTuong: dossier.applicant.idNumber,
    Email: dossier.applicant.email ?? '',
    SoDienThoai: dossier.applicant.phone ?? '',
    TrichYeuHoSo: dossier.summary,
    NgayTiepNhan: date(dossier.receivedAt),
    NgayHenTra: date(dossier.appointmentAt),
    TrangThaiHoSo: String(dossier.status),
    NgayTra: date(dossier.returnedAt),
    HinhThuc: String(dossier.channel),
    NgayKetThucXuLy: date(dossier.finishedAt),
    DonViXuLy: dossier.agencyName,
    GhiChu: dossier.note,
    DanhSachLePhi: dossier.fees.map((f) => ({ MaPhiLePhi: f.code, TenPhiLePhi: f.name, Gia: f.amountVnd })),
    TaiLieuNop: dossier.files.map((f) => ({
      TenTepDinhKem: f.fileName,
      MaThanhPhanHoSo: f.documentId,
      TepDinhKemId: f.fileId,
      DuongDanTaiTepTin: f.url,
      IsDeleted: false,
    })),
    DanhSachGiayToKetQua: [],
  };
}

/** `yyyyMMddHHmmss` in the center's time zone, the national portal's date form. */
export function formatCompactDateTime(instant: Date, timeZone: string): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid date');
  const p = zonedParts(instant, timeZone);
  return `${p.year.padStart(4, '0')}${p.month}${p.day}${p.hour}${p.minute}${p.second}`;
}
