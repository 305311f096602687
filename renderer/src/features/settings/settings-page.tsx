/**
 * Settings: the services, the window and downloads, and what version runs.
 */
import { useShallow } from 'zustand/react/shallow';
import { AboutSection } from './about-section';
import { PlexSettingsSection } from '../plex/plex-settings-section';
import { SettingsForm } from './settings-form';
import { loadSettings, useSettingsStore } from '../../app/settings-store';
import { PageHeading } from '../../ui/page-heading';
import './settings.css';
import '../../ui/page.css';

export function SettingsPage() {
  const { settings, loadError } = useSettingsStore(useShallow((state) => ({ settings: state.settings, loadError: state.loadError })));
  return (
    <div className="page">
      <PageHeading>Settings</PageHeading>
      <PlexSettingsSection />
      {settings ? (
        <SettingsForm settings={settings} />
      ) : loadError ? (
        <p className="notice notice--error">
          The settings could not be loaded: {loadError}{' '}
          <button type="button" className="button button--quiet" onClick={() => void loadSettings()}>
            Try again
          </button>
        </p>
      ) : (
        <p className="notice">Loading settings…</p>
      )}
      <AboutSection />
    </div>
  );
}
