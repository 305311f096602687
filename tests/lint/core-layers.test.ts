/**
 * The core's folders stay layered: no folder cycles, no feature importing
 * another feature. The synthetic graphs prove the check bites.
 */
import { describe, expect, it } from 'vitest';
import { CORE_ROOT, layeringProblems, readImportGraph, roomOf } from './core-import-graph';

describe('electron/core import graph', () => {
  it('has no folder cycle, no file cycle and no feature importing another feature', () => {
    const graph = readImportGraph(CORE_ROOT);
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('create-core.ts')).toContain('features/health/health-feature.ts');
    expect(layeringProblems(graph)).toEqual([]);
  });

  it('reports two folders that import each other, also round a longer loop', () => {
    const direct = new Map([
      ['gateway/gateway.ts', ['health/health-monitor.ts']],
      ['health/health-monitor.ts', ['gateway/service-config.ts']],
      ['gateway/service-config.ts', []],
    ]);
    expect(layeringProblems(direct)).toEqual(['folders of electron/core that import each other: gateway <-> health']);

    const loop = new Map([
      ['a/one.ts', ['b/two.ts']],
      ['b/two.ts', ['c/three.ts']],
      ['c/three.ts', ['a/other.ts']],
      ['a/other.ts', []],
    ]);
    expect(layeringProblems(loop)).toEqual(['folders of electron/core that import each other: a <-> b <-> c']);
  });

  it('reports files that import each other', () => {
    const graph = new Map([
      ['create-core.ts', ['contract-handlers.ts']],
      ['contract-handlers.ts', ['create-core.ts']],
    ]);
    expect(layeringProblems(graph)).toEqual(['files that import each other: contract-handlers.ts <-> create-core.ts']);
  });

  it('reports a feature importing another feature, and allows features to import the layers below', () => {
    const graph = new Map([
      ['features/downloads/downloads-feature.ts', ['features/plex/plex-client.ts', 'gateway/gateway.ts']],
      ['features/plex/plex-client.ts', ['gateway/gateway.ts']],
      ['gateway/gateway.ts', []],
    ]);
    expect(layeringProblems(graph)).toEqual([
      'a feature imports another feature (give it a narrow interface in its deps instead): features/downloads/downloads-feature.ts -> features/plex/plex-client.ts',
    ]);
    expect(layeringProblems(new Map([['features/plex/plex-client.ts', ['gateway/gateway.ts']]]))).toEqual([]);
  });

  it('names rooms by their first folder, features by their own folder', () => {
    expect(roomOf('create-core.ts')).toBe('(root)');
    expect(roomOf('upstream/service-registry.ts')).toBe('upstream');
    expect(roomOf('features/plex/plex-simulator.ts')).toBe('features/plex');
    expect(roomOf('features/feature-module.ts')).toBe('features');
  });
});
