import type { DeliveryOption, ProcedureDetail } from '../../src-shared/catalog';
import type { DossierDraft, DraftDocument, DraftProblem, SubmitOutcome } from '../../src-shared/dossier';
import type { ScannedSessionPage } from '../../src-shared/dossier-scan';
import type { Language } from '../../src-shared/dto';
import type { CccdIdentity } from '../../src-shared/scan';
import { assertNever } from '../../src-shared/assert-never';
import { CONSENT_VERSION } from './consent';
import { sexOptionValue } from './sex-option';
import { parseTypedDate, showDate } from './typed-date';

/**
 * One citizen's dossier, from "what you will need" to the receipt. It lives only in the journey
 * component's state: leaving the journey (Home, idle timeout, Done) unmounts it and the data is
 * gone from the renderer; the core drops the scanned pages with cancelDossier.
 */
export const steps = ['intro', 'identify', 'form', 'documents', 'delivery', 'consent', 'review', 'submitting', 'receipt'] as const;
export type Step = (typeof steps)[number];

/** The steps the review screen links back to; after such an edit "Continue" returns to the review. */
export type EditableStep = Extract<Step, 'identify' | 'form' | 'documents' | 'delivery' | 'consent'>;

export type DocumentChoice =
  | { readonly kind: 'none' }
  | { readonly kind: 'scanned'; readonly pages: readonly ScannedSessionPage[] }
  | { readonly kind: 'paper' };

export interface PersonFields {
  readonly fullName: string;
  readonly idNumber: string;
  /** As typed (dd.mm.yyyy) or from the card (YYYY-MM-DD). */
  readonly birthDate: string;
  readonly sex: 'male' | 'female' | null;
  readonly address: string;
}

export interface JourneyState {
  readonly step: Step;
  readonly sessionId: string | null;
  readonly applicant: PersonFields;
  /** cccd_qr once a card was scanned and not edited since. */
  readonly source: 'cccd_qr' | 'typed';
  /** The identity has been scanned or typed in full and is waiting for "Yes, this is me". */
  readonly identityMode: 'choose' | 'scanned' | 'typing';
  readonly representing: boolean;
  readonly representative: { readonly fullName: string; readonly idNumber: string; readonly relation: string };
  readonly contact: { readonly phone: string; readonly email: string };
  readonly formValues: Readonly<Record<string, string>>;
  readonly documents: Readonly<Record<string, DocumentChoice>>;
  readonly delivery: { readonly method: DeliveryOption | null; readonly postalAddress: string };
  readonly consentAgreed: boolean;
  readonly returnToReview: boolean;
  readonly problems: readonly DraftProblem[];
  readonly outcome: SubmitOutcome | null;
}

export type JourneyAction =
  | { readonly type: 'sessionBegun'; readonly sessionId: string }
  | { readonly type: 'goto'; readonly step: Step }
  | { readonly type: 'edit'; readonly step: EditableStep }
  | { readonly type: 'cccdScanned'; readonly identity: CccdIdentity }
  | { readonly type: 'typeIdentity' }
  | { readonly type: 'setText'; readonly path: string; readonly value: string }
  | { readonly type: 'setSex'; readonly sex: 'male' | 'female' | null }
  | { readonly type: 'setRepresenting'; readonly representing: boolean }
  | { readonly type: 'pagesAdded'; readonly documentId: string; readonly pages: readonly ScannedSessionPage[] }
  | { readonly type: 'pageRemoved'; readonly documentId: string; readonly pageId: string }
  | { readonly type: 'documentChosen'; readonly documentId: string; readonly choice: 'none' | 'paper' }
  | { readonly type: 'deliveryChosen'; readonly method: DeliveryOption }
  | { readonly type: 'consentChosen'; readonly agreed: boolean }
  | { readonly type: 'problems'; readonly problems: readonly DraftProblem[] }
  | { readonly type: 'submitted'; readonly outcome: SubmitOutcome };

const emptyPerson: PersonFields = { fullName: '', idNumber: '', birthDate: '', sex: null, address: '' };

export function initialJourney(procedure: ProcedureDetail): JourneyState {
  return {
    step: 'intro',
    sessionId: null,
    applicant: emptyPerson,
    source: 'typed',
    identityMode: 'choose',
    representing: false,
    representative: { fullName: '', idNumber: '', relation: '' },
    contact: { phone: '', email: '' },
    formValues: {},
    documents: Object.fromEntries(procedure.documents.map((d) => [d.id, { kind: d.acceptScan ? 'none' : 'paper' } as DocumentChoice])),
    delivery: { method: procedure.delivery.length === 1 ? (procedure.delivery[0] ?? null) : null, postalAddress: '' },
    consentAgreed: false,
    returnToReview: false,
    problems: [],
    outcome: null,
  };
}

/** The step after `step` in the journey; the review once the citizen came from there to edit. */
export function nextStep(state: JourneyState): Step {
  if (state.returnToReview) return 'review';
  const i = steps.indexOf(state.step);
  return steps[Math.min(i + 1, steps.length - 1)] ?? 'review';
}

export function previousStep(step: Step): Step | null {
  switch (step) {
    case 'intro':
    case 'submitting':
    case 'receipt':
      return null;
    case 'identify':
      return 'intro';
    case 'form':
      return 'identify';
    case 'documents':
      return 'form';
    case 'delivery':
      return 'documents';
    case 'consent':
      return 'delivery';
    case 'review':
      return 'consent';
    default:
      return assertNever(step);
  }
}

/** What the form's fields are prefilled with from the identity and contact, unless typed already. */
function prefillForm(procedure: ProcedureDetail, state: JourneyState): Record<string, string> {
  const out: Record<string, string> = { ...state.formValues };
  const a = state.applicant;
  for (const field of procedure.formFields) {
    if ((out[field.id] ?? '') !== '') continue;
    const value = ((): string => {
      switch (field.prefill) {
        case 'cccd.fullName':
          return a.fullName;
        case 'cccd.idNumber':
          return a.idNumber;
        case 'cccd.birthDate': {
          // Shown as the citizen writes dates (dd/mm/yyyy); the draft sends it as YYYY-MM-DD.
          const iso = parseTypedDate(a.birthDate);
          return iso === null ? '' : showDate(iso);
        }
        case 'cccd.sex':
          // A select takes the option that means the card's sex; a text field the card's own word.
          if (field.type === 'select') return sexOptionValue(field, a.sex);
          return a.sex === null ? '' : a.sex === 'male' ? 'Nam' : 'Nữ';
        case 'cccd.address':
          return a.address;
        case undefined:
          return field.type === 'phone' ? state.contact.phone : field.type === 'email' ? state.contact.email : '';
        default:
          return assertNever(field.prefill);
      }
    })();
    if (value !== '') out[field.id] = value;
  }
  return out;
}

function setText(state: JourneyState, path: string, value: string): JourneyState {
  const [head, key] = path.split('.', 2) as [string, string | undefined];
  if (key === undefined) return state;
  switch (head) {
    case 'applicant':
      if (!(key in state.applicant) || key === 'sex') return state;
      // Editing a scanned identity makes it a typed one: the record says where it came from.
      return { ...state, applicant: { ...state.applicant, [key]: value }, source: 'typed' };
    case 'representative':
      return key in state.representative ? { ...state, representative: { ...state.representative, [key]: value } } : state;
    case 'contact':
      return key in state.contact ? { ...state, contact: { ...state.contact, [key]: value } } : state;
    case 'formValues':
      return { ...state, formValues: { ...state.formValues, [key]: value } };
    case 'delivery':
      return key === 'postalAddress' ? { ...state, delivery: { ...state.delivery, postalAddress: value } } : state;
    default:
      return state;
  }
}

/** A problem goes away as soon as the citizen changes what it was about; the next check says if it is still wrong. */
function withoutProblems(state: JourneyState, prefix: string): JourneyState {
  const problems = state.problems.filter((p) => p.path !== prefix && !p.path.startsWith(`${prefix}.`));
  return problems.length === state.problems.length ? state : { ...state, problems };
}

export function journeyReducer(procedure: ProcedureDetail) {
  const reduce = (state: JourneyState, action: JourneyAction): JourneyState => {
    switch (action.type) {
      case 'sessionBegun':
        return state.sessionId === null ? { ...state, sessionId: action.sessionId, step: 'identify' } : state;
      case 'goto': {
        const leaving = state.step;
        let next: JourneyState = { ...state, step: action.step, problems: [] };
        if (action.step === 'review') next = { ...next, returnToReview: false };
        // The form and the postal address start from what the identity step gave.
        if (leaving === 'identify' && action.step === 'form') next = { ...next, formValues: prefillForm(procedure, state) };
        if (action.step === 'delivery' && state.delivery.postalAddress === '') {
          next = { ...next, delivery: { ...next.delivery, postalAddress: state.applicant.address } };
        }
        return next;
      }
      case 'edit':
        return { ...state, step: action.step, returnToReview: true, problems: [] };
      case 'cccdScanned': {
        if (state.step !== 'identify') return state;
        const { identity } = action;
        return {
          ...state,
          applicant: { fullName: identity.fullName, idNumber: identity.idNumber, birthDate: identity.birthDate, sex: identity.sex, address: identity.address },
          source: 'cccd_qr',
          identityMode: 'scanned',
          problems: [],
        };
      }
      case 'typeIdentity':
        return { ...state, identityMode: 'typing', source: 'typed' };
      case 'setText':
        return setText(state, action.path, action.value);
      case 'setSex':
        return { ...state, applicant: { ...state.applicant, sex: action.sex }, source: 'typed' };
      case 'setRepresenting':
        return { ...state, representing: action.representing };
      case 'pagesAdded': {
        const before = state.documents[action.documentId];
        const pages = before?.kind === 'scanned' ? [...before.pages, ...action.pages] : [...action.pages];
        return { ...state, documents: { ...state.documents, [action.documentId]: { kind: 'scanned', pages } } };
      }
      case 'pageRemoved': {
        const before = state.documents[action.documentId];
        if (before?.kind !== 'scanned') return state;
        const pages = before.pages.filter((p) => p.pageId !== action.pageId);
        const choice: DocumentChoice = pages.length === 0 ? { kind: 'none' } : { kind: 'scanned', pages };
        return { ...state, documents: { ...state.documents, [action.documentId]: choice } };
      }
      case 'documentChosen':
        return { ...state, documents: { ...state.documents, [action.documentId]: { kind: action.choice } } };
      case 'deliveryChosen':
        return procedure.delivery.includes(action.method) ? { ...state, delivery: { ...state.delivery, method: action.method } } : state;
      case 'consentChosen':
        return { ...state, consentAgreed: action.agreed };
      case 'problems':
        return { ...state, problems: action.problems };
      case 'submitted':
        return { ...state, outcome: action.outcome, step: 'receipt', problems: [] };
      default:
        return assertNever(action);
    }
  };
  return (state: JourneyState, action: JourneyAction): JourneyState => {
    const next = reduce(state, action);
    switch (action.type) {
      case 'setText':
        return withoutProblems(next, action.path);
      case 'setSex':
        return withoutProblems(next, 'applicant.sex');
      case 'pagesAdded':
      case 'pageRemoved':
      case 'documentChosen':
        return withoutProblems(next, 'documents');
      case 'deliveryChosen':
        return withoutProblems(next, 'delivery');
      default:
        return next;
    }
  };
}

const orNull = (s: string): string | null => (s.trim() === '' ? null : s);

/**
 * The draft the core validates and submits. Steps not reached yet get neutral placeholders; their
 * problems are filtered out by `problemsOfStep` until the citizen gets there.
 */
export function buildDraft(state: JourneyState, procedure: ProcedureDetail, language: Language): DossierDraft | null {
  if (state.sessionId === null) return null;
  const a = state.applicant;
  const documents: DraftDocument[] = [];
  for (const doc of procedure.documents) {
    const choice = state.documents[doc.id] ?? { kind: 'none' };
    if (choice.kind === 'scanned') documents.push({ documentId: doc.id, kind: 'scanned', pageIds: choice.pages.map((p) => p.pageId) });
    else if (choice.kind === 'paper') documents.push({ documentId: doc.id, kind: 'paper_at_counter' });
  }
  const formValues: Record<string, string> = {};
  for (const field of procedure.formFields) {
    const value = state.formValues[field.id];
    // A date as typed (dd/mm/yyyy or dd.mm.yyyy) goes as YYYY-MM-DD; an unreadable one as typed, for the core to refuse.
    if (value !== undefined && value !== '') formValues[field.id] = field.type === 'date' ? (parseTypedDate(value) ?? value) : value;
  }
  const method = state.delivery.method ?? procedure.delivery[0] ?? 'at_center';
  return {
    sessionId: state.sessionId,
    procedureCode: procedure.code,
    language,
    applicant: {
      fullName: a.fullName,
      idNumber: a.idNumber,
      // An unreadable typed date is caught on this screen (typed-date.ts) before the core sees it.
      birthDate: a.birthDate === '' ? null : parseTypedDate(a.birthDate),
      sex: a.sex,
      address: a.address,
      source: state.source,
    },
    representative: state.representing ? { ...state.representative } : null,
    contact: { phone: orNull(state.contact.phone), email: orNull(state.contact.email) },
    formValues,
    documents,
    delivery: { method, postalAddress: method === 'post' ? state.delivery.postalAddress : null },
    consent: { textVersion: CONSENT_VERSION, agreed: true },
  };
}

/** Which of the core's problems a step shows and must clear before going on. */
export function problemsOfStep(step: Step, problems: readonly DraftProblem[], method: DeliveryOption | null): DraftProblem[] {
  const on = (...prefixes: string[]) => problems.filter((p) => prefixes.some((prefix) => p.path === prefix || p.path.startsWith(`${prefix}.`)));
  switch (step) {
    case 'identify':
      return on('applicant', 'representative', 'contact.phone').concat(method === 'electronic' ? [] : on('contact.email'));
    case 'form':
      return on('formValues');
    case 'documents':
      return on('documents');
    case 'delivery':
      return on('delivery').concat(method === 'electronic' ? on('contact.email') : []);
    case 'intro':
    case 'consent':
    case 'submitting':
    case 'receipt':
      return [];
    case 'review':
      return [...problems];
    default:
      return assertNever(step);
  }
}

/** The first problem of one field, for showing it under that field. */
export function problemAt(problems: readonly DraftProblem[], path: string): DraftProblem | undefined {
  return problems.find((p) => p.path === path);
}
