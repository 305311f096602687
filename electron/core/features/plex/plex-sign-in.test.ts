import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlexSignIn } from '../../../../shared/contract/areas/plex';
import { startPlexSimPair, type PlexSimPair } from './simulator/plex-sim-pair';
import { createPlexSignIn } from './plex-sign-in';
import { probeServer } from './plex-connections';
import { signInUrl } from './plex-tv-client';
import { directPlexTvClient, TEST_IDENTITY_HEADERS } from './plex-test-support';

const until = async (check: () => boolean, ms = 3_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('PIN sign-in against the simulated plex.tv', () => {
  let sim: PlexSimPair;
  let states: PlexSignIn[];
  let tokens: string[];
  beforeEach(async () => {
    sim = await startPlexSimPair();
    states = [];
    tokens = [];
  });
  afterEach(() => sim.close());

  const flow = (onToken = async (token: string) => void tokens.push(token)) =>
    createPlexSignIn({
      plexTv: directPlexTvClient(sim.plexTvUrl),
      authUrl: (code) => signInUrl(sim.plexTvUrl, { code }, { clientIdentifier: TEST_IDENTITY_HEADERS['X-Plex-Client-Identifier'], product: 'MediaNest' }),
      onToken,
      onChange: (state) => states.push(state),
      pollMs: 20,
    });

  it('waits for the PIN, polls until it is claimed, and hands the token over once', async () => {
    const signIn = flow();
    const started = await signIn.start();
    expect(started).toMatchObject({ state: 'waiting', code: expect.stringMatching(/^[a-z0-9]{20,}$/) });
    expect(started.authUrl).toContain(`${sim.plexTvUrl}/auth#?`);
    expect(started.authUrl).toContain(`code=${started.code}`);
    expect(started.expiresAt! - Date.now()).toBeGreaterThan(800_000);
    const created = sim.plexTv.control.requests.find((request) => request.path === '/api/v2/pins');
    expect(created).toMatchObject({ method: 'POST', query: '?strong=true', clientIdentifier: TEST_IDENTITY_HEADERS['X-Plex-Client-Identifier'], product: 'MediaNest' });
    await new Promise((resolve) => setTimeout(resolve, 80));
    const token = sim.plexTv.control.claimPin(started.pinId!);
    await until(() => signIn.state().state === 'signed-in');
    expect(tokens).toEqual([token]);
    expect(sim.plexTv.control.requests.filter((request) => request.path === `/api/v2/pins/${started.pinId}`).length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(states)).not.toContain(token);
    signIn.dispose();
  });

  it('ends as expired when plex.tv forgets the PIN', async () => {
    const signIn = flow();
    const { pinId } = await signIn.start();
    sim.plexTv.control.expirePin(pinId!);
    await until(() => signIn.state().state === 'expired');
    expect(signIn.state()).toMatchObject({ authUrl: null, message: expect.stringContaining('expired') });
    expect(tokens).toEqual([]);
  });

  it('stops polling when cancelled, and a claim afterwards changes nothing', async () => {
    const signIn = flow();
    const { pinId } = await signIn.start();
    expect(signIn.cancel()).toMatchObject({ state: 'cancelled' });
    const polls = sim.plexTv.control.requests.length;
    sim.plexTv.control.claimPin(pinId!);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sim.plexTv.control.requests.length).toBe(polls);
    expect(tokens).toEqual([]);
  });

  it('fails with the reason when the token cannot be used', async () => {
    const signIn = flow(async () => {
      throw Object.assign(new Error('x'), { name: 'AppError' });
    });
    const { pinId } = await signIn.start();
    sim.plexTv.control.claimPin(pinId!);
    await until(() => signIn.state().state === 'failed');
  });
});

describe('choosing a connection', () => {
  let sim: PlexSimPair;
  beforeEach(async () => {
    sim = await startPlexSimPair();
  });
  afterEach(() => sim.close());

  const noPlexDirect = async (host: string) => {
    if (host.endsWith('.plex.direct')) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  };

  it('probes every candidate without a token and keeps local over remote over relay, with the plex.direct http twin', async () => {
    const server = await probeServer({ ...sim.resource, provides: 'server', connections: sim.resource.connections.map((c) => ({ ...c, IPv6: false })) }, { identityHeaders: TEST_IDENTITY_HEADERS, lookup: noPlexDirect, timeoutMs: 1_000 });
    expect(server.best).toBe(sim.pmsUrl);
    expect(server.connections.map((c) => [c.kind, c.protocol, c.ok])).toEqual([
      ['local', 'https', false],
      ['local', 'http', true],
      ['remote', 'http', false],
      ['relay', 'http', true],
    ]);
    expect(server.connections[0]!.problem).toContain('DNS rebinding');
    expect(server.connections[1]!.latencyMs).toEqual(expect.any(Number));
    const probes = sim.pms.control.requests.filter((request) => request.path === '/identity');
    expect(probes.length).toBeGreaterThanOrEqual(1);
    for (const request of probes) expect(request).toMatchObject({ hasToken: false, clientIdentifier: TEST_IDENTITY_HEADERS['X-Plex-Client-Identifier'] });
  });

  it('never falls back to plain http for a server that requires https, and rejects another server at the address', async () => {
    const httpsOnly = { ...sim.resource, provides: 'server', httpsRequired: true, connections: sim.resource.connections.filter((c) => c.protocol === 'https').map((c) => ({ ...c, IPv6: false })) };
    const server = await probeServer(httpsOnly, { identityHeaders: TEST_IDENTITY_HEADERS, lookup: noPlexDirect });
    expect(server.best).toBeNull();
    expect(server.connections).toHaveLength(1);
    expect(server.connections[0]!.problem).toContain('only accepts secure');

    const impostor = { ...sim.resource, provides: 'server', clientIdentifier: 'someone-else', connections: sim.resource.connections.slice(1, 2).map((c) => ({ ...c, IPv6: false })) };
    const other = await probeServer(impostor, { identityHeaders: TEST_IDENTITY_HEADERS });
    expect(other).toMatchObject({ best: null, connections: [{ ok: false, problem: 'A different Plex server answers there.' }] });
  });
});
