import type { Language } from '../../src-shared/dto';
import type { LinkStateDto } from '../../src-shared/sync';

/** Words for the link state: plain for citizens (the dot's label), exact for staff. */
export const syncTexts = {
  vi: {
    dot: {
      online: 'Đã kết nối với cổng dịch vụ công',
      degraded: 'Kết nối chậm; hồ sơ vẫn được lưu an toàn',
      offline: 'Đang mất kết nối; hồ sơ được lưu lại và sẽ gửi sau',
      disabled: 'Không kết nối cổng dịch vụ công',
    } satisfies Record<LinkStateDto, string>,
    title: 'Đồng bộ với cổng',
    state: 'Trạng thái',
    states: { online: 'trực tuyến', degraded: 'chập chờn', offline: 'mất kết nối', disabled: 'không cấu hình cổng' } satisfies Record<LinkStateDto, string>,
    enrolled: 'Đã đăng ký máy',
    yes: 'có',
    no: 'chưa',
    depth: 'Chờ gửi',
    parked: 'Cần nhân viên xử lý',
    oldest: 'Mục chờ lâu nhất',
    seconds: (s: number) => `${s} giây`,
    lastError: 'Lỗi gần nhất',
    none: 'không có',
    portal: 'Cổng',
  },
  en: {
    dot: {
      online: 'Connected to the public service portal',
      degraded: 'Slow connection; dossiers are still kept safely',
      offline: 'No connection; dossiers are kept and sent later',
      disabled: 'No public service portal configured',
    } satisfies Record<LinkStateDto, string>,
    title: 'Portal sync',
    state: 'State',
    states: { online: 'online', degraded: 'degraded', offline: 'offline', disabled: 'no portal configured' } satisfies Record<LinkStateDto, string>,
    enrolled: 'Terminal enrolled',
    yes: 'yes',
    no: 'not yet',
    depth: 'Waiting to send',
    parked: 'Needs staff',
    oldest: 'Oldest waiting item',
    seconds: (s: number) => `${s} s`,
    lastError: 'Last error',
    none: 'none',
    portal: 'Portal',
  },
} satisfies Record<Language, unknown>;
