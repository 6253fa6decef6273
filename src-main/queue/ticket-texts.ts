import type { Language, Priority } from '../../src-shared/dto';

type PaperTexts = {
  priority: Record<Exclude<Priority, 'none'>, string>;
  waitingAhead: (n: number) => string;
  qrCaption: string;
};

/** Words printed on the paper ticket; the screen's words live in the renderer's i18n files. */
const texts: Record<Language, PaperTexts> = {
  vi: {
    priority: { elderly: 'ƯU TIÊN: Người cao tuổi', disabled: 'ƯU TIÊN: Người khuyết tật', pregnant: 'ƯU TIÊN: Phụ nữ mang thai' },
    waitingAhead: (n) => (n === 0 ? 'Bạn là người tiếp theo' : `Số người đang chờ trước bạn: ${n}`),
    qrCaption: 'Quét mã để theo dõi lượt của bạn',
  },
  en: {
    priority: { elderly: 'PRIORITY: Elderly', disabled: 'PRIORITY: Person with disability', pregnant: 'PRIORITY: Pregnant woman' },
    waitingAhead: (n) => (n === 0 ? 'You are next' : `People waiting ahead of you: ${n}`),
    qrCaption: 'Scan to follow your turn',
  },
};

export const ticketTexts = (language: Language): PaperTexts => texts[language];
