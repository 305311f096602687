/**
 * Overseerr's health probe: `/api/v1/status` must be Overseerr's JSON (it is
 * public), then `/api/v1/auth/me` must accept the saved API key. Overseerr
 * answers 401 when no key arrives and 403 when the key is wrong.
 */
import { z } from 'zod';
import { services } from '../../../../shared/contract/services';
import type { ProbeFactory } from '../../health/probe';
import { createProbeHttp } from '../../health/probe-http';
import { failed } from '../../health/probe-outcome';
import { checkAddress, finishWithCredential, type CredentialWords, type ProgramCheck } from '../../health/probe-steps';

const STATUS_PATH = '/api/v1/status';
const ME_PATH = '/api/v1/auth/me';

const StatusSchema = z.object({
  version: z.string(),
  commitTag: z.string(),
  updateAvailable: z.boolean(),
  commitsBehind: z.number(),
  restartRequired: z.boolean(),
});

const overseerr: ProgramCheck = {
  program: services.overseerr.displayName,
  recognise: (body) => {
    const parsed = StatusSchema.safeParse(body);
    return parsed.success ? `Overseerr ${parsed.data.version}` : null;
  },
};

const words: CredentialWords = {
  program: services.overseerr.displayName,
  noun: 'API key',
  rejected: (status) =>
    status === 401
      ? 'Overseerr received no API key (HTTP 401): a proxy in between may drop the X-Api-Key header'
      : 'Overseerr rejected the API key (HTTP 403): copy it again from Overseerr, Settings → General',
};

export const NO_OVERSEERR_KEY = 'No Overseerr API key is saved: copy it from Overseerr, Settings → General';

export const createOverseerrProbe: ProbeFactory = (getSecret, options) => async (config, signal) => {
  const http = createProbeHttp(config, getSecret, signal, options);
  const address = checkAddress(await http.get(STATUS_PATH), STATUS_PATH, http.baseUrl, overseerr);
  return finishWithCredential(http, address, { path: ME_PATH, words, missing: failed('unhealthy', NO_OVERSEERR_KEY) });
};
