/**
 * Diagnostics (Settings → About): one text for a bug report, with the
 * versions, the settings without secrets, the start-up warnings and the end
 * of the log, redacted.
 */
import { z } from 'zod';
import { invoke, NoPayloadSchema } from '../definitions';

export const DiagnosticsSchema = z.object({
  /** A name to save it under, e.g. `medianest-diagnostics-2026-12-01.txt`. */
  fileName: z.string(),
  text: z.string(),
});
export type Diagnostics = z.infer<typeof DiagnosticsSchema>;

export const diagnosticsInvokes = {
  'diagnostics:collect': invoke(NoPayloadSchema, DiagnosticsSchema),
} as const;
