import { useCallback, useEffect, useState } from 'react';

/** The current path, and a way to go elsewhere without reloading (history API). */
export function useLocationPath(): [string, (path: string, options?: { replace?: boolean }) => void] {
  const [path, setPath] = useState(() => window.location.pathname);
  useEffect(() => {
    const onPop = () => setPath(window.location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((next: string, options?: { replace?: boolean }) => {
    if (options?.replace) window.history.replaceState(null, '', next);
    else if (next !== window.location.pathname) window.history.pushState(null, '', next);
    setPath(next);
  }, []);
  return [path, navigate];
}
