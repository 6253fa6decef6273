import type { ProcedureDetail } from '../../src-shared/catalog';
import type { DraftProblem } from '../../src-shared/dossier';
import type { Language } from '../../src-shared/dto';
import type { JourneyAction, JourneyState } from './journey';

/** What every step of the dossier journey is given by DossierJourney. */
export interface StepProps {
  procedure: ProcedureDetail;
  state: JourneyState;
  language: Language;
  /** The core's verdict on the draft, for this step's fields. */
  problems: readonly DraftProblem[];
  busy: boolean;
  dispatch: (action: JourneyAction) => void;
  onBack: () => void;
  onNext: () => void;
}
