/**
 * What status pages say about themselves, above the cards: Uptime Kuma's
 * pinned incident ("Internet is out"), as a Banner in the incident's colour.
 * Title and text are shown as plain text (React escapes them), never as HTML:
 * they were typed into another program and may hold markup.
 */
import { Megaphone } from 'lucide-react';
import type { HealthNotice } from '../../../../shared/contract/areas/health-entries';
import { Banner } from '../../ui/banner';
import { clockTime } from './entry-states';

export interface HealthNoticesProps {
  readonly notices: readonly HealthNotice[];
}

export function HealthNotices({ notices }: HealthNoticesProps) {
  if (notices.length === 0) return null;
  return (
    <div className="health-notices" data-testid="health-notices">
      {notices.map((notice) => (
        <Banner key={notice.id} tone={notice.tone} icon={Megaphone} title={notice.title} role={notice.tone === 'danger' ? 'alert' : undefined} testId={`health-notice-${notice.id}`}>
          {notice.text ? <p className="health-notice__text">{notice.text}</p> : null}
          <p className="health-notice__from">
            {notice.at === null ? `Posted on the ${notice.from}` : `Posted on the ${notice.from}, ${clockTime(notice.at)}`}
          </p>
        </Banner>
      ))}
    </div>
  );
}
