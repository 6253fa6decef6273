import { citizenIdMessages, citizenIdProblem } from '../../src-shared/citizen-id';
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
 * (the core takes YYYY-MM-DD), and a typed 12-digit ID number whose first three digits are no
 * province code (the same list the core checks, src-shared/citizen-id.ts, so both say the same).
 * Everything else is the core's to judge, in one place.
 */
export function localProblems(state: JourneyState): DraftProblem[] {
  if (state.step !== 'identify' && state.step !== 'review') return [];
  const problems: DraftProblem[] = [];
  const typed = state.applicant.birthDate.trim();
  if (typed !== '' && parseTypedDate(typed) === null) problems.push({ path: 'applicant.birthDate', message: M.birthDate });
  const ids: [string, string][] = [['applicant.idNumber', state.applicant.idNumber]];
  if (state.representing) ids.push(['representative.idNumber', state.representative.idNumber]);
  for (const [path, value] of ids) {
    const digits = value.replace(/\s/g, '');
    if (/^\d{12}$/.test(digits) && citizenIdProblem(digits) === 'province') problems.push({ path, message: citizenIdMessages.province });
  }
  return problems;
}
