import { Component, type ErrorInfo, type ReactNode } from 'react';
import { CrashScreen } from '../screens/CrashScreen';

interface ErrorBoundaryState {
  failed: boolean;
}

/**
 * A rendering bug must never leave a blank kiosk: it shows a screen with one way out, which
 * starts a clean session (`onRestart`).
 */
export class ErrorBoundary extends Component<{ children: ReactNode; onRestart: () => void }, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: false };

  static getDerivedStateFromError(): ErrorBoundaryState {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Renderer crashed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <CrashScreen
        onRestart={() => {
          this.setState({ failed: false });
          this.props.onRestart();
        }}
      />
    );
  }
}
