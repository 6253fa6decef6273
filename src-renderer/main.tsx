import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles/fonts';
import './styles/kiosk.css';
import { getKiosk } from './api/kiosk';
import { App } from './app/App';
import { ErrorBoundary } from './components/ErrorBoundary';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    {/* Last resort: if the app shell itself fails, reloading is the clean restart. */}
    <ErrorBoundary onRestart={() => window.location.reload()}>
      <App kiosk={getKiosk()} />
    </ErrorBoundary>
  </StrictMode>,
);
