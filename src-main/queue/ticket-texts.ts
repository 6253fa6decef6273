import type { Language, Priority, TicketWait } from '../../src-shared/dto';

type PaperTexts = {
  priority: Record<Exclude<Priority, 'none'>, string>;
  waitingAhead: (n: number) => string;
  /** The estimate, and the time of the count when it is the last one known (offline). */
  waitDetail: (wait: TicketWait) => string | null;
  qrCaption: string;
};

/** Words printed on the paper ticket; the screen's words live in the renderer's i18n files. */
const texts: Record<Language, PaperTexts> = {
  vi: {
    priority: { elderly: 'ƯU TIÊN: Người cao tuổi', disabled: 'ƯU TIÊN: Người khuyết tật', pregnant: 'ƯU TIÊN: Phụ nữ mang thai' },
    waitingAhead: (n) => (n === 0 ? 'Bạn là người tiếp theo' : `Số người đang chờ trước bạn: ${n}`),
    waitDetail: (w) =>
      [
        w.estimate ? `Thời gian chờ ước tính: khoảng ${w.estimate.minMinutes}–${w.estimate.maxMinutes} phút` : null,
        w.source === 'last-known' && w.asOfText ? `(số liệu cập nhật lúc ${w.asOfText})` : null,
      ]
        .filter(Boolean)
        .join(' ') || null,
    qrCaption: 'Quét mã để theo dõi lượt của bạn',
  },
  en: {
    priority: { elderly: 'PRIORITY: Elderly', disabled: 'PRIORITY: Person with disability', pregnant: 'PRIORITY: Pregnant woman' },
    waitingAhead: (n) => (n === 0 ? 'You are next' : `People waiting ahead of you: ${n}`),
    waitDetail: (w) =>
      [
        w.estimate ? `Estimated wait: about ${w.estimate.minMinutes}–${w.estimate.maxMinutes} min` : null,
        w.source === 'last-known' && w.asOfText ? `(as of ${w.asOfText})` : null,
      ]
        .filter(Boolean)
        .join(' ') || null,
    qrCaption: 'Scan to follow your turn',
  },
};

export const ticketTexts = (language: Language): PaperTexts => texts[language];
