import type { ReactElement, ReactNode } from 'react';
import { useScreenSpeech } from '../speech/speech-context';

interface ScreenFrameProps {
  testId: string;
  title: string;
  subtitle?: string;
  /** What the audio guide says after the title, when the subtitle is not the screen's purpose. */
  spoken?: string;
  children?: ReactNode;
}

/** The body of every screen below the header: a heading, an optional hint, the content. */
export function ScreenFrame({ testId, title, subtitle, spoken, children }: ScreenFrameProps): ReactElement {
  useScreenSpeech(title, spoken ?? subtitle);
  return (
    <main className="screen" data-testid={testId}>
      <h1 className="screen__title">{title}</h1>
      {subtitle ? <p className="screen__subtitle">{subtitle}</p> : null}
      {children}
    </main>
  );
}
