import { z } from 'zod';

/** Any invoke that takes no payload accepts `undefined` or `null` (JSON has no undefined). */
export const NoPayloadSchema = z
  .union([z.undefined(), z.null()])
  .transform(() => undefined);

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
