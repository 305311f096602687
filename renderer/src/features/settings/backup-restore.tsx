/**
 * "Restore a backup": choose the file, read what it would replace, then
 * replace, or not. Nothing changes before the second step, and the core
 * restores settings, secrets and saved data whole or not at all.
 */
import { useRef, useState } from 'react';
import type { BackupPreview } from '../../../../shared/contract/areas/backup';
import { showError, showStatus, useCoreReachable } from '../../app/app-store';
import { inspectBackup, restoreBackup } from '../../app/settings-store';
import { TextField } from '../../ui/field';
import { readTextFile } from './save-file';

interface Chosen {
  readonly name: string;
  readonly content: string;
  readonly preview: BackupPreview;
}

function BackupSummary({ preview }: { readonly preview: BackupPreview }) {
  const made = new Date(preview.createdAt);
  return (
    <div className="backup-preview" data-testid="backup-preview">
      <p>
        Made by MediaNest {preview.appVersion} on {Number.isNaN(made.getTime()) ? preview.createdAt : made.toLocaleString()}. Restoring replaces:
      </p>
      {preview.changes.length > 0 ? (
        <ul className="backup-preview__list" aria-label="Settings that change">
          {preview.changes.map((change) => (
            <li key={change.label}>
              {change.label}: {change.current} → {change.backup}
            </li>
          ))}
        </ul>
      ) : (
        <p>Settings: the same as now.</p>
      )}
      {preview.secrets.length > 0 ? (
        <ul className="backup-preview__list" aria-label="Tokens and API keys">
          {preview.secrets.map((secret) => (
            <li key={secret.label}>
              {secret.label}: {secret.outcome}
            </li>
          ))}
        </ul>
      ) : null}
      {preview.data.length > 0 ? (
        <ul className="backup-preview__list" aria-label="Saved data">
          {preview.data.map((table) => (
            <li key={table.table}>
              Saved data, {table.table.replaceAll('_', ' ')}: {table.current} now, {table.backup} in the backup
            </li>
          ))}
        </ul>
      ) : null}
      {preview.notes.map((note) => (
        <p key={note} className="backup-preview__note">
          {note}
        </p>
      ))}
    </div>
  );
}

export function BackupRestore() {
  const reachable = useCoreReachable();
  const fileInput = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    try {
      await work();
    } catch (failure) {
      showError(failure);
    } finally {
      setBusy(false);
    }
  };
  const choose = (file: File | undefined): Promise<void> =>
    run(async () => {
      if (!file) return;
      const content = await readTextFile(file);
      setPassphrase('');
      setChosen({ name: file.name, content, preview: await inspectBackup({ content }) });
    });
  const unlock = (): Promise<void> =>
    run(async () => {
      if (!chosen) return;
      setChosen({ ...chosen, preview: await inspectBackup({ content: chosen.content, passphrase }) });
    });
  const cancel = (): void => {
    setChosen(null);
    setPassphrase('');
    if (fileInput.current) fileInput.current.value = '';
  };
  const restore = (): Promise<void> =>
    run(async () => {
      if (!chosen) return;
      await restoreBackup({ content: chosen.content, ...(passphrase ? { passphrase } : {}) });
      showStatus(`Restored from ${chosen.name}.`, 'ok');
      cancel();
    });

  return (
    <div className="backup-part" data-testid="backup-restore">
      <h3 className="settings-card__title">Restore a backup</h3>
      <p className="field__hint">MediaNest shows what the backup would replace before it changes anything.</p>
      <label className="field__label" htmlFor="backup-file">
        Backup file
      </label>
      <input id="backup-file" ref={fileInput} className="field__input" type="file" accept=".json,application/json" disabled={!reachable || busy} onChange={(event) => void choose(event.target.files?.[0])} />
      {chosen ? (
        <>
          <BackupSummary preview={chosen.preview} />
          {chosen.preview.needsPassphrase ? (
            <TextField
              label="Passphrase of the backup"
              type="password"
              autoComplete="off"
              value={passphrase}
              onChange={setPassphrase}
              trailing={
                <button type="button" className="button" onClick={() => void unlock()} disabled={!reachable || busy || passphrase === ''}>
                  Open
                </button>
              }
            />
          ) : null}
          <div className="backup-part__actions">
            <button type="button" className="button button--primary" onClick={() => void restore()} disabled={!reachable || busy || chosen.preview.needsPassphrase}>
              Replace with this backup
            </button>
            <button type="button" className="button button--quiet" onClick={cancel}>
              Cancel
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}
