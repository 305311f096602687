/**
 * Uptime Kuma's health probe: `/api/entry-page` must be Kuma's JSON (public,
 * and answered by no other program), then, when an API key is saved,
 * `/metrics` must accept it (HTTP Basic, the key as password; 401 otherwise).
 * Without a key only the public pages are read, which is a working setup.
 */
import { z } from 'zod';
import { services } from '../../../../shared/contract/services';
import type { ProbeFactory } from '../../health/probe';
import { createProbeHttp } from '../../health/probe-http';
import { addressFailed, isPassed, skipped } from '../../health/probe-outcome';
import { checkAddress, checkCredential, type CredentialWords, type ProgramCheck } from '../../health/probe-steps';

const ENTRY_PAGE_PATH = '/api/entry-page';
const METRICS_PATH = '/metrics';

// Kuma's api-router: the entry page, or the status page a domain is mapped to.
const EntryPageSchema = z.union([
  z.object({ type: z.literal('entryPage'), entryPage: z.string() }),
  z.object({ type: z.literal('statusPageMatchedDomain'), statusPageSlug: z.string() }),
]);

const kuma: ProgramCheck = {
  program: services['uptime-kuma'].displayName,
  recognise: (body) => (EntryPageSchema.safeParse(body).success ? services['uptime-kuma'].displayName : null),
};

const words: CredentialWords = {
  program: services['uptime-kuma'].displayName,
  noun: 'API key',
  rejected: (status) => `Uptime Kuma rejected the API key (HTTP ${status}): make a new one in Uptime Kuma, Settings → API Keys`,
};

export const NO_KUMA_KEY = 'No API key is saved, so only the public pages were checked';

export const createUptimeKumaProbe: ProbeFactory = (getSecret) => async (config, signal) => {
  const http = createProbeHttp(config, getSecret, signal);
  const address = checkAddress(await http.get(ENTRY_PAGE_PATH), ENTRY_PAGE_PATH, http.baseUrl, kuma);
  if (!isPassed(address)) return addressFailed(address);
  if (!http.hasCredential) return { address, credential: skipped(NO_KUMA_KEY) };
  return { address, credential: checkCredential(await http.get(METRICS_PATH, { withCredential: true }), http.baseUrl, words) };
};
