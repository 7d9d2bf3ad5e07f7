import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import './styles/app.css';

// The advocate portal is for people outside the team: its own pages, loaded only on its links.
const PortalApp = lazy(() =>
  import('./screens/portal/portal-app.tsx').then((module) => ({ default: module.PortalApp })),
);
const path = window.location.pathname;

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      {path.startsWith('/portal/') ? (
        <Suspense fallback={null}>
          <PortalApp path={path} />
        </Suspense>
      ) : (
        <App />
      )}
    </StrictMode>,
  );
}
