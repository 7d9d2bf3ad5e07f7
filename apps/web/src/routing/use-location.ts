import { useCallback, useEffect, useState } from 'react';

let movedInApp = false;

/** Whether the user has moved between screens since the page loaded (not a fresh load or reload). */
export function hasNavigatedInApp(): boolean {
  return movedInApp;
}

/** The current path, and a way to go elsewhere without reloading (history API). */
export function useLocationPath(): [string, (path: string, options?: { replace?: boolean }) => void] {
  const [path, setPath] = useState(() => window.location.pathname);
  useEffect(() => {
    const onPop = () => {
      movedInApp = true;
      setPath(window.location.pathname);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((next: string, options?: { replace?: boolean }) => {
    // A replace is a redirect (`/` → `/overview`), not the user moving on.
    if (!options?.replace) movedInApp = true;
    if (options?.replace) window.history.replaceState(null, '', next);
    else if (next !== window.location.pathname) window.history.pushState(null, '', next);
    setPath(next);
  }, []);
  return [path, navigate];
}
