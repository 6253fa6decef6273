import { describe, expect, it } from 'vitest';
import type { DraftProblem } from '../../../src-shared/dossier';
import { fieldToFix } from '../../../src-renderer/dossier/use-active-field';

const problem = (path: string): DraftProblem => ({ path, message: { vi: `Sai ${path}`, en: `Wrong ${path}` } });
const paths = ['applicant.fullName', 'applicant.idNumber', 'contact.phone', 'contact.email'];

describe('the field the keyboard moves to after Continue found problems', () => {
  it('is the topmost field on screen with a problem, not the first problem listed', () => {
    expect(fieldToFix(paths, [], [problem('contact.phone'), problem('applicant.idNumber')])).toBe('applicant.idNumber');
  });

  it('stays put while the citizen types: a problem going away is not a new check', () => {
    const before = [problem('applicant.idNumber'), problem('contact.phone')];
    expect(fieldToFix(paths, before, [problem('contact.phone')])).toBeNull();
    expect(fieldToFix(paths, before, [])).toBeNull();
  });

  it('moves when a check finds the same problems again: the citizen fixed one field, another is still wrong', () => {
    // Typing fixed the ID number (its problem went); Continue reports the phone again.
    expect(fieldToFix(paths, [problem('contact.phone')], [problem('contact.phone')])).toBe('contact.phone');
  });

  it('moves when a check reports a problem not seen before, even if older ones remain', () => {
    expect(fieldToFix(paths, [problem('contact.phone')], [problem('contact.phone'), problem('applicant.fullName')])).toBe('applicant.fullName');
  });

  it('is none when the new problems are not about a text field of this step', () => {
    expect(fieldToFix(paths, [], [problem('documents'), problem('applicant.sex')])).toBeNull();
  });
});
