import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { DeviceReasonSchema, type ReasonParams } from '../../src-shared/reasons';
import './reason-text.css';

/** Which code set a reason is from: each has its own words under `reasons.*` in vi.json and en.json. */
export type ReasonKind = 'device' | 'alert' | 'sync' | 'parked';

interface ReasonTextProps {
  kind: ReasonKind;
  code: string;
  params?: ReasonParams | undefined;
  /** The raw technical text (an OS error, the portal's answer): folded, for whoever fixes it. */
  detail?: string | null | undefined;
}

/** A reason code in the UI's language, with its technical text behind an expandable line (issue #21). */
export function ReasonText({ kind, code, params, detail }: ReasonTextProps): ReactElement {
  const { t } = useTranslation();
  return (
    <span className="reason-text" data-testid="reason-text" data-reason={code}>
      <span className="reason-text__words">{t(`reasons.${kind}.${code}`, { ...params, defaultValue: code })}</span>
      {detail ? <TechnicalDetail detail={detail} /> : null}
    </span>
  );
}

/** The raw text behind a folded "technical details" line (a <details>: keyboard and touch open it). */
export function TechnicalDetail({ detail }: { detail: string }): ReactElement {
  const { t } = useTranslation();
  return (
    <details className="reason-text__technical" data-testid="reason-technical">
      <summary>{t('reasons.technical')}</summary>
      <code>{detail}</code>
    </details>
  );
}

/** Alert reasons are a device's code or one of the kiosk's own: the words live under different keys. */
export const alertReasonKind = (code: string): ReasonKind => (DeviceReasonSchema.safeParse(code).success ? 'device' : 'alert');

/** The words alone, for a sentence that embeds a reason (an alert line, a status). */
export function useReasonWords(): (kind: ReasonKind, code: string, params?: ReasonParams) => string {
  const { t } = useTranslation();
  return (kind, code, params) => t(`reasons.${kind}.${code}`, { ...params, defaultValue: code });
}
