/**
 * The app itself: what runs, where, and what went wrong at start-up.
 */
import { z } from 'zod';
import { event, invoke, NoPayloadSchema } from '../definitions';

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** Which host runs the core: the Electron shell or `serve` mode in a browser. */
  mode: z.enum(['electron', 'serve']),
  profile: z.enum(['default', 'demo']),
  platform: z.string(),
  dataDir: z.string(),
  /** Problems found at start-up that the user should know about (e.g. a settings file that was repaired). */
  warnings: z.array(z.string()),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const appInvokes = {
  'app:info': invoke(NoPayloadSchema, AppInfoSchema),
} as const;

export const appEvents = {
  /** The warnings changed after start-up (a stored file found damaged by the check that runs later). */
  'app:warnings-changed': event(z.object({ warnings: z.array(z.string()) }), 0),
} as const;
