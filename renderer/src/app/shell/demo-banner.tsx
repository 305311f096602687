/**
 * Makes it obvious when the demo profile runs, so nobody edits demo settings
 * thinking they are the household's real ones.
 */
import { FlaskConical } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import { Banner } from '../../ui/banner';
import { useSettingsStore } from '../settings-store';

export function DemoBanner() {
  const { profile } = useSettingsStore(useShallow((state) => ({ profile: state.settings?.profile })));
  if (profile !== 'demo') return null;
  return (
    <Banner tone="accent" icon={FlaskConical} title="Demo profile" testId="demo-banner">
      <p>Settings and data here are kept apart from your real MediaNest profile.</p>
    </Banner>
  );
}
