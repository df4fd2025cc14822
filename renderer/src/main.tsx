import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { resolveBridge } from './bridge/resolve-bridge';
import { StoreProvider } from './store/context';
import { startSession } from './store/session';
import { createAttendantStore } from './store/store';
import './styles/app.css';

const { api, status } = resolveBridge(window);
const store = createAttendantStore(api);
// Lives as long as the window, so it is never stopped.
startSession(store, api, status);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

createRoot(container).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
