/**
 * What a page can say about the service it depends on, before the feature
 * itself exists: set it up, turn it on, or wait for a later version.
 */
import { useShallow } from 'zustand/react/shallow';
import { secretsOf, services, type ServiceName } from '../../../shared/contract/services';
import { serviceSetup } from './service-setup';
import { useSettingsStore } from '../app/settings-store';
import { SettingsLink } from './settings-link';

export interface ServiceNoticeProps {
  readonly service: ServiceName;
  /** What arrives later once the service is ready, e.g. "Browsing your libraries". */
  readonly comingLater: string;
}

export function ServiceNotice({ service, comingLater }: ServiceNoticeProps) {
  const { settings, loadError } = useSettingsStore(useShallow((state) => ({ settings: state.settings, loadError: state.loadError })));
  const { displayName } = services[service];
  const secretNouns = secretsOf(service).map((secret) => secret.noun);

  if (!settings) {
    return <p className="notice">{loadError ? `The settings could not be loaded: ${loadError}` : 'Loading settings…'}</p>;
  }
  switch (serviceSetup(settings, service)) {
    case 'not-configured':
      return (
        <div className="notice notice--action" data-testid={`${service}-not-configured`}>
          <p>{`${displayName} is not configured yet — add its address${secretNouns.length > 0 ? ` and ${secretNouns.join(' and ')}` : ''} in Settings.`}</p>
          <SettingsLink />
        </div>
      );
    case 'disabled':
      return (
        <div className="notice notice--action" data-testid={`${service}-disabled`}>
          <p>{`${displayName} is set up but turned off — turn on “Enable ${displayName}” in Settings.`}</p>
          <SettingsLink />
        </div>
      );
    case 'ready':
      return (
        <div className="notice" data-testid={`${service}-ready`}>
          <p>{`${displayName} is set up. ${comingLater} arrives in a later version of MediaNest; until then, use ${displayName} itself.`}</p>
        </div>
      );
  }
}
