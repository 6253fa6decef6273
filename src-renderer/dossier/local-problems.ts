import type { DraftProblem } from '../../src-shared/dossier';
import type { JourneyState } from './journey';
import { parseTypedDate } from './typed-date';

const M = {
  birthDate: {
    vi: 'Ngày sinh chưa đọc được. Vui lòng nhập theo dạng ngày.tháng.năm, ví dụ 17.05.1990.',
    en: 'The birth date could not be read. Please type it as day.month.year, for example 17.05.1990.',
  },
} as const;

/**
 * What the screen checks before the core: a typed birth date the draft cannot even carry
 * (the core takes YYYY-MM-DD); everything else is the core's to judge, in one place.
 */
export function localProblems(state: JourneyState): DraftProblem[] {
  if (state.step !== 'identify' && state.step !== 'review') return [];
  const typed = state.applicant.birthDate.trim();
  return typed !== '' && parseTypedDate(typed) === null ? [{ path: 'applicant.birthDate', message: M.birthDate }] : [];
}
