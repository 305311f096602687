/**
 * Settings, grouped: Services, Downloads, Notifications, Appearance, About,
 * with a row of links to jump between groups. `#/settings/<service>` opens
 * at that service's card.
 */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useCoreReachable } from '../../app/app-store';
import { useHashRoute } from '../../app/routing/hash-router';
import { loadSettings, useSettingsStore } from '../../app/settings-store';
import { LoadError } from '../../ui/load-error';
import { PageHeader } from '../../ui/page-heading';
import { AboutSection } from './about-section';
import { PlexSettingsSection } from '../plex/plex-settings-section';
import { AppearanceSection } from './appearance-section';
import { OverseerrSettingsSection } from '../overseerr/overseerr-settings-section';
import { SettingsForm } from './settings-form';
import './settings.css';

const groups = [
  ['services', 'Services'],
  ['downloads', 'Downloads'],
  ['notifications', 'Notifications'],
  ['requests', 'Requests'],
  ['appearance', 'Appearance'],
  ['about', 'About'],
] as const;

function jumpTo(id: string): void {
  document.getElementById(`settings-${id}`)?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
}

export function SettingsPage() {
  const { settings, loadError } = useSettingsStore(useShallow((state) => ({ settings: state.settings, loadError: state.loadError })));
  const reachable = useCoreReachable();
  const { section, seq } = useHashRoute();
  const loaded = settings !== null;

  useEffect(() => {
    if (section && loaded) requestAnimationFrame(() => document.getElementById(`settings-${section}`)?.scrollIntoView?.({ block: 'start' }));
  }, [section, seq, loaded]);

  return (
    <div className="page page--reading settings-page">
      <PageHeader title="Settings" lead="How MediaNest reaches your services, where downloads go, and how it looks. Changes wait for “Save settings”." />
      <nav className="settings-jump" aria-label="Settings groups">
        {groups.map(([id, label]) => (
          <a
            key={id}
            className="settings-jump__link"
            href={`#/settings/${id}`}
            onClick={(event) => {
              event.preventDefault();
              jumpTo(id);
            }}
          >
            {label}
          </a>
        ))}
      </nav>
      <PlexSettingsSection />
      {settings ? (
        <SettingsForm
          settings={settings}
          after={
            <>
              <OverseerrSettingsSection settings={settings} />
              <AppearanceSection />
              <AboutSection />
            </>
          }
        />
      ) : loadError ? (
        <LoadError title="The settings could not be loaded." message={loadError} onRetry={loadSettings} canRetry={reachable} />
      ) : (
        <div className="settings-form" aria-busy="true" aria-label="Loading settings">
          <div className="skeleton settings-skeleton" />
          <div className="skeleton settings-skeleton" />
        </div>
      )}
    </div>
  );
}
