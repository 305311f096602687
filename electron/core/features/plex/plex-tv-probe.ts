/**
 * plex.tv's health probe. plex.tv has no open "who are you" page, so one path
 * does both steps: `/api/v2/user` without a token must answer plex.tv's own
 * JSON refusal (that proves the address), then with the account's token it
 * must answer the account. Without an account token (Plex set up by hand with
 * the server's token) MediaNest has nothing to ask plex.tv, so the second step
 * is skipped, as for Uptime Kuma without an API key.
 */
import { z } from 'zod';
import { serviceLabel } from '../../../../shared/contract/services';
import type { ProbeFactory } from '../../health/probe';
import { createProbeHttp } from '../../health/probe-http';
import { passed, skipped } from '../../health/probe-outcome';
import { checkAddress, finishWithCredential, type CredentialWords, type ProgramCheck } from '../../health/probe-steps';

const USER_PATH = '/api/v2/user';

const PlexTvErrorsSchema = z.object({ errors: z.array(z.object({ code: z.number().int(), message: z.string() })).min(1) });
const PlexTvUserSchema = z.object({ id: z.number().int(), uuid: z.string().min(1), username: z.string() });

const plexTv: ProgramCheck = {
  program: serviceLabel('plex-tv'),
  recognise: (body) => (PlexTvUserSchema.safeParse(body).success ? serviceLabel('plex-tv') : null),
};

const words: CredentialWords = {
  program: serviceLabel('plex-tv'),
  noun: 'token',
  rejected: () => 'plex.tv rejected the token: sign in to Plex again',
};

function isPlexTvRefusal(body: string): boolean {
  try {
    return PlexTvErrorsSchema.safeParse(JSON.parse(body)).success;
  } catch {
    return false;
  }
}

export const createPlexTvProbe: ProbeFactory = (getSecret, options) => async (config, signal) => {
  const http = createProbeHttp(config, getSecret, signal, options);
  const reply = await http.get(USER_PATH);
  const address =
    reply.kind === 'response' && reply.status === 401 && isPlexTvRefusal(reply.body)
      ? passed(`Answers as ${serviceLabel('plex-tv')}`, reply.status)
      : checkAddress(reply, USER_PATH, http.baseUrl, plexTv);
  return finishWithCredential(http, address, { path: USER_PATH, words, missing: skipped('Not signed in to Plex here, so there is no account to check') });
};
