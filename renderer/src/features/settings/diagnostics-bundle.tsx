/**
 * "Copy diagnostics" / "Save diagnostics": versions, settings without
 * secrets and the end of the log, redacted by the core, for a bug report.
 */
import { useState } from 'react';
import { showError, showStatus, useCoreReachable } from '../../app/app-store';
import { collectDiagnostics } from '../../app/settings-store';
import { copyText, saveTextFile } from './save-file';

export function DiagnosticsBundle() {
  const reachable = useCoreReachable();
  const [busy, setBusy] = useState(false);
  const act = async (how: 'copy' | 'save'): Promise<void> => {
    setBusy(true);
    try {
      const { text, fileName } = await collectDiagnostics();
      if (how === 'copy' && (await copyText(text))) showStatus('Diagnostics copied: paste them into your bug report.', 'ok');
      else {
        saveTextFile(fileName, text, 'text/plain');
        showStatus(how === 'copy' ? `This browser does not allow copying here, so the diagnostics were saved as ${fileName}.` : `Diagnostics saved as ${fileName}.`, 'ok');
      }
    } catch (failure) {
      showError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="backup-part" data-testid="diagnostics">
      <h3 className="settings-card__title">Diagnostics for a bug report</h3>
      <p className="field__hint">Versions, your settings without tokens or API keys, and the end of the log, with secrets removed.</p>
      <div className="backup-part__actions">
        <button type="button" className="button" onClick={() => void act('copy')} disabled={!reachable || busy}>
          Copy diagnostics
        </button>
        <button type="button" className="button button--quiet" onClick={() => void act('save')} disabled={!reachable || busy}>
          Save as a file
        </button>
      </div>
    </div>
  );
}
