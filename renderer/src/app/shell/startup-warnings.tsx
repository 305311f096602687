/**
 * Problems the core found at start-up (e.g. a settings file it had to repair),
 * shown until the user dismisses them.
 */
import { useShallow } from 'zustand/react/shallow';
import { Banner } from '../../ui/banner';
import { dismissWarnings, useAppStore } from '../app-store';

export function StartupWarnings() {
  const { warnings, dismissed } = useAppStore(useShallow((state) => ({ warnings: state.info?.warnings, dismissed: state.warningsDismissed })));
  if (!warnings || warnings.length === 0 || dismissed) return null;
  return (
    <Banner
      tone="danger"
      role="alert"
      testId="startup-warnings"
      title={`MediaNest noticed ${warnings.length === 1 ? 'a problem' : 'some problems'} while starting:`}
      onDismiss={dismissWarnings}
    >
      <ul className="shell-banner-list">
        {warnings.map((warning, index) => (
          <li key={index}>{warning}</li>
        ))}
      </ul>
    </Banner>
  );
}
