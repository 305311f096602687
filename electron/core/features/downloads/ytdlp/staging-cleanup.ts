/**
 * Removing what a cancelled job left in its staging folder (`-P temp:`):
 * yt-dlp's `.part`, `.ytdl` and fragment files and any intermediate it had
 * not moved yet. A job's staging folder is its own, so it goes whole.
 */
import { rm } from 'node:fs/promises';
import { isAbsolute, parse, resolve, sep } from 'node:path';
import { homedir } from 'node:os';

/**
 * Removes the job's staging folder and everything in it; nothing when it is
 * already gone. Refuses a relative path, a filesystem root, the home folder
 * or a folder right under a root, so a wrong argument cannot wipe a disk.
 */
export async function removeJobPartFiles(stagingDir: string): Promise<void> {
  if (!isAbsolute(stagingDir)) throw new Error(`The staging folder must be a whole path: ${stagingDir}`);
  const folder = resolve(stagingDir);
  const depth = folder.slice(parse(folder).root.length).split(sep).filter(Boolean).length;
  if (depth < 2 || folder === resolve(homedir())) throw new Error(`Refusing to empty ${folder}: it is not a job's staging folder`);
  await rm(folder, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
}
