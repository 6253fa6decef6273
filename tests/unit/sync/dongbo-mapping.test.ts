import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCompactDateTime, toDongBoHoSoMC, type DossierForNational } from '../../../src-main/sync/dongbo-mapping';

const dossier: DossierForNational = {
  code: '000.00.12.H29-261123-0005',
  procedure: { code: '1.004227', name: 'Đăng ký khai sinh' },
  field: { code: 'HT', name: 'Hộ tịch' },
  applicant: { kind: 'citizen', name: 'Nguyễn Văn Đức', idNumber: '001099012345', email: null, phone: '0912345678' },
  summary: 'Đăng ký khai sinh cho con',
  receivedAt: new Date('2026-11-23T02:05:09Z'),
  appointmentAt: new Date('2026-11-26T10:00:00Z'),
  status: 1,
  returnedAt: null,
  finishedAt: null,
  channel: 1,
  agencyName: 'UBND phường Demo',
  note: '',
  fees: [{ code: 'LP01', name: 'Lệ phí', amountVnd: 8000 }],
  files: [{ documentId: 'to-khai', fileName: 'to-khai.pdf', fileId: 'ab'.repeat(32), url: 'kiosk://files/abab' }],
};

describe('toDongBoHoSoMC', () => {
  it('maps every field with national names, codes as strings and local yyyyMMddHHmmss dates', () => {
    expect(toDongBoHoSoMC(dossier)).toEqual({
      MaHoSo: '000.00.12.H29-261123-0005',
      MaTTHC: '1.004227',
      TenTTHC: 'Đăng ký khai sinh',
      MaLinhVuc: 'HT',
      TenLinhVuc: 'Hộ tịch',
      ChuHoSo: 'Nguyễn Văn Đức',
      LoaiDoiTuong: '1',
      MaDoiTuong: '001099012345',
      Email: '',
      SoDienThoai: '0912345678',
      TrichYeuHoSo: 'Đăng ký khai sinh cho con',
      NgayTiepNhan: '20261123090509',
      NgayHenTra: '20261126170000',
      TrangThaiHoSo: '1',
      NgayTra: '',
      HinhThuc: '1',
      NgayKetThucXuLy: '',
      DonViXuLy: 'UBND phường Demo',
      GhiChu: '',
      DanhSachLePhi: [{ MaPhiLePhi: 'LP01', TenPhiLePhi: 'Lệ phí', Gia: 8000 }],
      TaiLieuNop: [
        { TenTepDinhKem: 'to-khai.pdf', MaThanhPhanHoSo: 'to-khai', TepDinhKemId: 'ab'.repeat(32), DuongDanTaiTepTin: 'kiosk://files/abab', IsDeleted: false },
      ],
      DanhSachGiayToKetQua: [],
    });
  });

  it('marks a business applicant as 2 and rejects a status outside 1–10', () => {
    expect(toDongBoHoSoMC({ ...dossier, applicant: { ...dossier.applicant, kind: 'business' } }).LoaiDoiTuong).toBe('2');
    expect(() => toDongBoHoSoMC({ ...dossier, status: 11 })).toThrow(/1–10/);
  });

  it('crosses midnight in the center time zone, not in UTC', () => {
    expect(formatCompactDateTime(new Date('2026-12-31T17:00:00Z'), 'Asia/Ho_Chi_Minh')).toBe('20270101000000');
    expect(formatCompactDateTime(new Date('2026-12-31T16:59:59Z'), 'Asia/Ho_Chi_Minh')).toBe('20261231235959');
  });

  it('writes 14 digits that read back to the same instant (UTC+7, to the second)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const text = formatCompactDateTime(d, 'Asia/Ho_Chi_Minh');
        expect(text).toMatch(/^\d{14}$/);
        const back = Date.UTC(+text.slice(0, 4), +text.slice(4, 6) - 1, +text.slice(6, 8), +text.slice(8, 10) - 7, +text.slice(10, 12), +text.slice(12, 14));
        expect(back).toBe(Math.floor(d.getTime() / 1000) * 1000);
      }),
    );
  });
});
