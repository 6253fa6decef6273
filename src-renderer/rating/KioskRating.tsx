import { useEffect, useRef, useState, type ReactElement } from 'react';
import type { KioskClient } from '../../src-shared/contract';
import type { Language } from '../../src-shared/dto';
import type { RatingIndexCode } from '../../src-shared/rating';
import { assertNever } from '../../src-shared/assert-never';
import { useAlive } from '../app/use-alive';
import { RatingForm } from './RatingForm';
import { RatingThanks } from './RatingThanks';

interface KioskRatingProps {
  kiosk: KioskClient;
  language: Language;
  dossierId: string;
  /** The visit is over: rated, skipped, or nothing to rate. */
  onDone: () => void;
}

type Phase = { name: 'checking' } | { name: 'asking'; indices: RatingIndexCode[] } | { name: 'thanks' };

/**
 * The optional step after a receipt: how the kiosk's own service was. Skipped in one tap; when it
 * cannot be asked (already rated, the store unreachable) the visit simply ends: it never blocks.
 */
export function KioskRating({ kiosk, language, dossierId, onDone }: KioskRatingProps): ReactElement {
  const [phase, setPhase] = useState<Phase>({ name: 'checking' });
  const alive = useAlive();
  const target = { subject: 'kiosk', dossierId } as const;
  // Asked once per receipt: a parent's re-render (a new onDone) must not ask again or reset the phase.
  const done = useRef(onDone);
  done.current = onDone;

  useEffect(() => {
    void kiosk.checkRatingTarget({ target: { subject: 'kiosk', dossierId } }).then((reply) => {
      if (!alive.current) return;
      if (reply.ok && reply.value.state === 'open') setPhase({ name: 'asking', indices: reply.value.indices });
      else done.current();
    });
  }, [kiosk, dossierId, alive]);

  switch (phase.name) {
    case 'checking':
      return <main className="screen" aria-busy="true" data-testid="rating-checking" />;
    case 'asking':
      return <RatingForm kiosk={kiosk} language={language} target={target} indices={phase.indices} onSaved={() => setPhase({ name: 'thanks' })} onSkip={onDone} />;
    case 'thanks':
      return <RatingThanks onDone={onDone} />;
    default:
      return assertNever(phase);
  }
}
