/**
 * Plex Media Server's health probe: `/identity` must be Plex's JSON (it needs
 * no token), then `/library/sections` must accept the saved token. Any user's
 * token may list sections; `/status/sessions` would need the owner's.
 */
import { z } from 'zod';
import { services } from '../../../../shared/contract/services';
import type { ProbeFactory } from '../../health/probe';
import { createProbeHttp } from '../../health/probe-http';
import { failed } from '../../health/probe-outcome';
import { checkAddress, finishWithCredential, type CredentialWords, type ProgramCheck } from '../../health/probe-steps';

const IDENTITY_PATH = '/identity';
const SECTIONS_PATH = '/library/sections';

const IdentitySchema = z.object({
  MediaContainer: z.object({ machineIdentifier: z.string().min(1), version: z.string().optional() }),
});

const plex: ProgramCheck = {
  program: 'Plex Media Server',
  recognise(body) {
    const parsed = IdentitySchema.safeParse(body);
    if (!parsed.success) return null;
    const version = parsed.data.MediaContainer.version?.split('-')[0];
    return version ? `Plex Media Server ${version}` : 'Plex Media Server';
  },
};

const words: CredentialWords = {
  program: services.plex.displayName,
  noun: 'token',
  rejected: () => 'Plex rejected the token: sign in again',
};

export const NO_PLEX_TOKEN = 'No Plex token is saved: sign in to Plex in Settings';

export const createPlexProbe: ProbeFactory = (getSecret, options) => async (config, signal) => {
  const http = createProbeHttp(config, getSecret, signal, options);
  const address = checkAddress(await http.get(IDENTITY_PATH), IDENTITY_PATH, http.baseUrl, plex);
  return finishWithCredential(http, address, { path: SECTIONS_PATH, words, missing: failed('unhealthy', NO_PLEX_TOKEN) });
};
