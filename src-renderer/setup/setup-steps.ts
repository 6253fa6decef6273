import type { SetupProblem } from '../../src-shared/setup';

export type SetupStep = 'it-pin' | 'center' | 'portal' | 'printer' | 'barcode' | 'docscan' | 'staff-pin' | 'review';

/** A first start begins with the IT PIN; a redo from the IT menu is already an IT session. */
export const stepsOf = (firstStart: boolean): SetupStep[] =>
  firstStart ? ['it-pin', 'center', 'portal', 'printer', 'barcode', 'docscan', 'staff-pin', 'review'] : ['center', 'portal', 'printer', 'barcode', 'docscan', 'staff-pin', 'review'];

/** The step a refused finish sends the person back to, from the field main named. */
export function stepOfField(problem: SetupProblem): SetupStep {
  const [head = ''] = problem.field.split('.');
  switch (head) {
    case 'center':
    case 'terminal':
      return 'center';
    case 'portal':
    case 'sync':
      return 'portal';
    case 'printer':
      return 'printer';
    case 'barcodeScanner':
      return 'barcode';
    case 'documentScanner':
      return 'docscan';
    case 'staffPin':
      return 'staff-pin';
    case 'devices':
      return problem.field.includes('documentScanner') ? 'docscan' : 'barcode';
    default:
      return 'review';
  }
}
