/**
 * What the Overseerr user MediaNest requests as may still ask for, when
 * Overseerr limits it ("Films: 3 of 10 left in 7 days"); nothing when unlimited.
 */
import { useEffect, useState } from 'react';
import { loadQuota, type Quota } from './requests-store';

function part(noun: string, value: Quota['movie']): string | null {
  if (!value || value.limit === null || value.limit === 0) return null;
  const left = value.remaining ?? 0;
  return `${noun}: ${left} of ${value.limit} left${value.days ? ` in ${value.days} days` : ''}`;
}

export function QuotaLine() {
  const [quota, setQuota] = useState<Quota | null>(null);
  useEffect(() => {
    let live = true;
    // A quota Overseerr cannot tell now is simply not shown.
    loadQuota().then((found) => live && setQuota(found), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  const words = quota ? [part('Films', quota.movie), part('Series', quota.tv)].filter(Boolean) : [];
  if (words.length === 0) return null;
  return (
    <p className="requests__quota" data-testid="quota">
      Overseerr's request limit: {words.join(' · ')}
    </p>
  );
}
