import type { FormField } from '../../src-shared/catalog';

/**
 * The words a catalog may use for each sex in a select's value or label. The card says Nam/Nữ and
 * the identity carries male/female; forms list "Nam"/"Nữ", sometimes "male"/"female" or M/F.
 */
const WORDS: Record<'male' | 'female', ReadonlySet<string>> = {
  male: new Set(['nam', 'male', 'm']),
  female: new Set(['nữ', 'nu', 'female', 'f']),
};

const word = (text: string): string => text.normalize('NFC').trim().toLowerCase();

/** The option of a sex select that means `sex`; '' when the form offers none that does. */
export function sexOptionValue(field: Pick<FormField, 'options'>, sex: 'male' | 'female' | null): string {
  if (sex === null) return '';
  const words = WORDS[sex];
  const option = (field.options ?? []).find((o) => [o.value, o.label.vi, o.label.en].some((t) => words.has(word(t))));
  return option?.value ?? '';
}
