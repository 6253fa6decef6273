import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles/fonts';
import './styles/kiosk.css';
// The styles of the screens loaded on demand (app/lazy-screens.ts) come with the first page:
// some serve parts that are always on screen (the staff corner, the Submit button).
import 'react-simple-keyboard/build/css/index.css';
import './dossier/dossier.css';
import './staff/staff.css';
import './speech/speech.css';
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
