/**
 * Problems the core found at start-up (e.g. a settings file it had to repair),
 * shown until the user dismisses them.
 */
import { useShallow } from 'zustand/react/shallow';
import { dismissWarnings, useAppStore } from '../app-store';

export function StartupWarnings() {
  const { warnings, dismissed } = useAppStore(useShallow((state) => ({ warnings: state.info?.warnings, dismissed: state.warningsDismissed })));
  if (!warnings || warnings.length === 0 || dismissed) return null;
  return (
    <div role="alert" className="banner banner--alert" data-testid="startup-warnings">
      <div className="banner__body">
        <p className="banner__title">MediaNest noticed {warnings.length === 1 ? 'a problem' : 'some problems'} while starting:</p>
        <ul className="banner__list">
          {warnings.map((warning, index) => (
            <li key={index}>{warning}</li>
          ))}
        </ul>
      </div>
      <button type="button" className="button button--quiet" onClick={dismissWarnings}>
        Dismiss
      </button>
    </div>
  );
}
