/**
 * Version, host and data folder: what someone helping over the phone asks
 * first. Also the way back to the welcome guide, backups and diagnostics.
 */
import type { KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../app/app-store';
import { navigate } from '../../app/routing/hash-router';
import { BackupExport } from './backup-export';
import { BackupRestore } from './backup-restore';
import { DiagnosticsBundle } from './diagnostics-bundle';

/** About sits inside the Settings form: Enter in its passphrase fields must not save the settings. */
function keepEnterHere(event: KeyboardEvent): void {
  if (event.key === 'Enter' && event.target instanceof HTMLInputElement) event.preventDefault();
}

export function AboutSection() {
  const { info } = useAppStore(useShallow((state) => ({ info: state.info })));
  return (
    <section className="settings-group" id="settings-about" aria-labelledby="about-heading">
      <h2 id="about-heading" className="settings-group__title">
        About
      </h2>
      <div className="card settings-card">
        {info ? (
          <dl className="facts">
            <div>
              <dt>Version</dt>
              <dd>
                {info.name} {info.version}
              </dd>
            </div>
            <div>
              <dt>Running as</dt>
              <dd>
                {info.mode === 'serve' ? 'Web app (serve mode)' : 'Desktop app'} on {info.platform}
              </dd>
            </div>
            <div>
              <dt>Data folder</dt>
              <dd>
                <code className="path">{info.dataDir}</code>
              </dd>
            </div>
          </dl>
        ) : (
          <p className="field__hint">Loading…</p>
        )}
        <div>
          <button type="button" className="button" onClick={() => navigate('welcome')}>
            Open the welcome guide
          </button>
        </div>
      </div>
      <div className="card settings-card" onKeyDown={keepEnterHere}>
        <BackupExport />
        <BackupRestore />
        <DiagnosticsBundle />
      </div>
    </section>
  );
}
