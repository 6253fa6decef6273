import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskClient } from '../../../src-shared/contract';
import type { SetupPortal, SetupProblem } from '../../../src-shared/setup';
import { formatIssuedAt } from '../../app/format';
import { Choice } from '../Choice';
import { ProblemText } from '../ProblemText';
import { SetupField } from '../SetupField';
import { SetupKeyboard } from '../SetupKeyboard';
import { unanswered } from '../test-outcome';
import { useWedgeBursts } from '../../scan/use-wedge-scanner';

type Field = 'url' | 'token';

interface PortalStepProps {
  kiosk: KioskClient;
  session: string;
  portal: SetupPortal;
  invalidField: string | null;
  onChange: (portal: SetupPortal) => void;
  /** The QR named this terminal's id: the center step takes it. */
  onTerminalId: (id: string) => void;
}

/** Where the portal is and the enrollment token: typed, or read from the portal's set-up QR; or no portal. */
export function PortalStep({ kiosk, session, portal, invalidField, onChange, onTerminalId }: PortalStepProps): ReactElement {
  const { t } = useTranslation();
  const [active, setActive] = useState<Field>('url');
  const [scan, setScan] = useState<{ state: 'idle' | 'waiting' } | { state: 'read'; expiresAt: string | null; terminalId: string | null } | { state: 'failed'; problem: SetupProblem }>({ state: 'idle' });
  const typed = portal.mode === 'portal' ? portal : { mode: 'portal' as const, portalUrl: '', enrollmentToken: '' };

  // A keyboard-wedge scanner types the QR into the page: read at once, whether or not the button was pressed.
  // Through a ref: one listener for the step, so a burst is not cut by a re-render.
  const latestReadQr = useRef(readQr);
  useEffect(() => {
    latestReadQr.current = readQr;
  });
  const readWedge = useCallback((text: string) => void latestReadQr.current(text), []);
  useWedgeBursts(readWedge);

  async function readQr(wedgeText?: string) {
    setScan({ state: 'waiting' });
    const reply = await kiosk.readSetupQr(wedgeText === undefined ? { session } : { session, wedgeText });
    if (!reply.ok) return setScan({ state: 'failed', problem: unanswered(reply.error.message) });
    const read = reply.value;
    if (!read.valid) return setScan({ state: 'failed', problem: read });
    onChange({ mode: 'portal', portalUrl: read.value.portalUrl, enrollmentToken: read.value.enrollmentToken });
    if (read.value.terminalId) onTerminalId(read.value.terminalId);
    setScan({ state: 'read', expiresAt: read.value.expiresAt, terminalId: read.value.terminalId });
  }

  return (
    <div className="setup-step__body setup-step__body--typing" data-testid="setup-portal">
      <div className="setup-step__fields">
        <div className="setup-choices">
          <Choice testId="setup-portal-online" chosen={portal.mode === 'portal'} onChoose={() => onChange(typed)}>
            {t('setup.portal.online')}
          </Choice>
          <Choice testId="setup-portal-offline" chosen={portal.mode === 'offline'} onChoose={() => onChange({ mode: 'offline' })}>
            {t('setup.portal.offline')}
          </Choice>
        </div>
        {portal.mode === 'offline' ? (
          <p className="setup-hint">{t('setup.portal.offlineHint')}</p>
        ) : (
          <>
            <SetupField id="portal-url" label={t('setup.portal.url')} value={portal.portalUrl} active={active === 'url'} invalid={invalidField === 'portal.portalUrl'} onActivate={() => setActive('url')} />
            <SetupField id="portal-token" label={t('setup.portal.token')} value={portal.enrollmentToken} active={active === 'token'} invalid={invalidField === 'portal.enrollmentToken'} onActivate={() => setActive('token')} />
            <div className="setup-test">
              <button type="button" className="setup-button" data-testid="setup-read-qr" disabled={scan.state === 'waiting'} onClick={() => void readQr()}>
                {t('setup.portal.scanQr')}
              </button>
              <div data-testid="setup-qr-result" data-state={scan.state}>
                {scan.state === 'idle' ? <p className="setup-hint">{t('setup.portal.scanQrHint')}</p> : null}
                {scan.state === 'waiting' ? <p>{t('setup.portal.scanWaiting')}</p> : null}
                {scan.state === 'read' ? (
                  <p className="setup-ok">
                    {t('setup.portal.qrRead')}
                    {scan.expiresAt ? ` ${t('setup.portal.expires', { at: formatIssuedAt(scan.expiresAt) })}` : null}
                    {scan.terminalId ? ` ${t('setup.portal.qrTerminal', { id: scan.terminalId })}` : null}
                  </p>
                ) : null}
                {scan.state === 'failed' ? <ProblemText problem={scan.problem} /> : null}
              </div>
            </div>
          </>
        )}
      </div>
      {portal.mode === 'portal' ? (
        <SetupKeyboard
          key={active}
          text={active === 'url' ? portal.portalUrl : portal.enrollmentToken}
          maxLength={500}
          method="none"
          onChange={(text) => onChange(active === 'url' ? { ...portal, portalUrl: text } : { ...portal, enrollmentToken: text })}
        />
      ) : null}
    </div>
  );
}
