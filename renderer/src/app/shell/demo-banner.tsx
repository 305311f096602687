/**
 * Makes it obvious when the demo profile runs, so nobody edits demo settings
 * thinking they are the household's real ones.
 */
import { useShallow } from 'zustand/react/shallow';
import { useSettingsStore } from '../settings-store';

export function DemoBanner() {
  const { profile } = useSettingsStore(useShallow((state) => ({ profile: state.settings?.profile })));
  if (profile !== 'demo') return null;
  return (
    <div className="banner banner--demo" data-testid="demo-banner">
      <strong>Demo profile</strong>
      <span> — settings and data here are kept apart from your real MediaNest profile.</span>
    </div>
  );
}
