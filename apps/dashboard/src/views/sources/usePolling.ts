import { useEffect, useState } from 'react';

/**
 * Calls `refresh` every `everyMs` while the tab is visible, and at once when the window gets
 * focus back; returns the time of the last tick, so relative times move on with it.
 */
export function usePolling(refresh: () => void, everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const tick = () => {
      setNow(Date.now());
      refresh();
    };
    const timer = window.setInterval(() => {
      // a hidden tab asks nothing: the focus below catches up when it is back
      if (document.visibilityState !== 'hidden') tick();
    }, everyMs);
    window.addEventListener('focus', tick);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', tick);
    };
  }, [refresh, everyMs]);
  return now;
}
