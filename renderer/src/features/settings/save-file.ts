/**
 * Handing text to the person: saved as a file through the browser's own
 * download (the desktop app asks where), or copied to the clipboard.
 */

/** Starts a download of `text` as `fileName`. */
export function saveTextFile(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once it started; a moment later the URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** True when the text is on the clipboard (browsers allow it only on https or localhost). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** A chosen file's text. */
export function readTextFile(file: Blob): Promise<string> {
  return file.text();
}
