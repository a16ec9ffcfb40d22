import { useEffect, useState } from 'react';
import { formatRelative } from '../format';

/** "updated just now" after a live push, then aging on its own ("updated 2 minutes ago"). */
export function LiveUpdated({ at }: { at: string | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!at) return;
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, [at]);
  if (!at) return null;
  return (
    <span className="live-updated" data-testid="live-updated" title="figures pushed live">
      {' · '}updated <time dateTime={at}>{formatRelative(at, Math.max(now, Date.parse(at)))}</time>
    </span>
  );
}
