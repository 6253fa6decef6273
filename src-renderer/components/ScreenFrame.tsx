import type { ReactElement, ReactNode } from 'react';

interface ScreenFrameProps {
  testId: string;
  title: string;
  subtitle?: string;
  children?: ReactNode;
}

/** The body of every screen below the header: a heading, an optional hint, the content. */
export function ScreenFrame({ testId, title, subtitle, children }: ScreenFrameProps): ReactElement {
  return (
    <main className="screen" data-testid={testId}>
      <h1 className="screen__title">{title}</h1>
      {subtitle ? <p className="screen__subtitle">{subtitle}</p> : null}
      {children}
    </main>
  );
}
