/**
 * What a page can say about the service it depends on, before the feature
 * itself exists: set it up, turn it on, or wait for a later version. Each as
 * an empty state with one action.
 */
import { CirclePause, Plug, Sparkles, type LucideIcon } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import { secretsOf, services, type ServiceName } from '../../../shared/contract/services';
import { loadSettings, useSettingsStore } from '../app/settings-store';
import { useCoreReachable } from '../app/app-store';
import { EmptyState } from './empty-state';
import { LoadError } from './load-error';
import { serviceSetup } from './service-setup';
import { SettingsLink } from './settings-link';

export interface ServiceNoticeProps {
  readonly service: ServiceName;
  /** What arrives later once the service is ready, e.g. "Browsing your libraries". */
  readonly comingLater: string;
  /** The page's own icon, for the "arrives later" state. */
  readonly icon?: LucideIcon;
}

export function ServiceNotice({ service, comingLater, icon = Sparkles }: ServiceNoticeProps) {
  const { settings, loadError } = useSettingsStore(useShallow((state) => ({ settings: state.settings, loadError: state.loadError })));
  const reachable = useCoreReachable();
  const { displayName } = services[service];
  const secretNouns = secretsOf(service).map((secret) => secret.noun);

  if (!settings) {
    return loadError ? (
      <LoadError title="The settings could not be loaded." message={loadError} onRetry={loadSettings} canRetry={reachable} />
    ) : (
      <div className="skeleton service-notice__skeleton" aria-label="Loading settings" />
    );
  }
  switch (serviceSetup(settings, service)) {
    case 'not-configured':
      return (
        <EmptyState icon={Plug} title={`Connect ${displayName}`} testId={`${service}-not-configured`} action={<SettingsLink primary section={service}>{`Set up ${displayName}`}</SettingsLink>}>
          <p>{`${displayName} is not configured yet — add its address${secretNouns.length > 0 ? ` and ${secretNouns.join(' and ')}` : ''} in Settings.`}</p>
        </EmptyState>
      );
    case 'disabled':
      return (
        <EmptyState icon={CirclePause} title={`${displayName} is turned off`} testId={`${service}-disabled`} action={<SettingsLink primary section={service}>{`Turn on ${displayName}`}</SettingsLink>}>
          <p>{`${displayName} is set up but turned off — turn on “Enable ${displayName}” in Settings.`}</p>
        </EmptyState>
      );
    case 'ready':
      return (
        <EmptyState icon={icon} title={`${displayName} is connected`} testId={`${service}-ready`}>
          <p>{`${displayName} is set up. ${comingLater} arrives in a later version of MediaNest; until then, use ${displayName} itself.`}</p>
        </EmptyState>
      );
  }
}
