import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { callIdFromAlertRoute } from '../../app/alert-route';
import { App } from './App';
import { AlertWindowView } from './components/alert/AlertWindowView';
import { resolveBridge } from './bridge/resolve-bridge';
import { LanguageProvider } from './i18n/language';
import { StoreProvider } from './store/context';
import { startSession } from './store/session';
import { createAttendantStore } from './store/store';
import { ThemeProvider } from './theme/theme';
import './styles/app.css';

const { api, status } = resolveBridge(window);
const store = createAttendantStore(api);
// Lives as long as the window, so it is never stopped.
startSession(store, api, status);

// The desktop app's always-on-top alert window loads this same page on an alert route.
const alertCallId = callIdFromAlertRoute(window.location.hash);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

createRoot(container).render(
  <StrictMode>
    <StoreProvider store={store}>
      <ThemeProvider>
        <LanguageProvider>{alertCallId ? <AlertWindowView callId={alertCallId} /> : <App />}</LanguageProvider>
      </ThemeProvider>
    </StoreProvider>
  </StrictMode>,
);
