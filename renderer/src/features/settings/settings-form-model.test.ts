import { describe, expect, it } from 'vitest';
import { fakePublicSettings } from '../../testing/fake-transport';
import { buildSettingsPatch, editsAfterSave, fieldValuesFromSettings } from './settings-form-model';

describe('buildSettingsPatch', () => {
  const saved = fieldValuesFromSettings(fakePublicSettings({ services: { plex: { baseUrl: 'http://plex:32400' } } }));

  it('is empty when nothing changed, including edits that were undone', () => {
    expect(buildSettingsPatch(saved, { 'plex.baseUrl': 'http://plex:32400', 'general.closeToTray': true }, { 'plex.token': '  ' })).toEqual({});
  });

  it('sends only the changed fields, grouped by section, and typed secrets trimmed', () => {
    expect(
      buildSettingsPatch(saved, { 'overseerr.enabled': true, 'general.startMinimized': true, 'downloads.folder': '/srv/media' }, { 'overseerr.apiKey': ' key\n' }),
    ).toEqual({
      services: { overseerr: { enabled: true } },
      general: { startMinimized: true },
      downloads: { folder: '/srv/media' },
      secrets: { 'overseerr.apiKey': 'key' },
    });
  });

  it('sends numbers as numbers and quiet hours whole', () => {
    expect(
      buildSettingsPatch(
        saved,
        { 'uptime-kuma.pollSeconds': '30', 'notifications.probesToConfirm': '3', 'notifications.quietHours.start': '23:00', 'notifications.up': false },
        {},
      ),
    ).toEqual({
      services: { 'uptime-kuma': { pollSeconds: 30 } },
      notifications: { up: false, probesToConfirm: 3, quietHours: { enabled: false, start: '23:00', end: '07:00' } },
    });
    // Not a number: sent as typed, so the core names the field in its error.
    expect(buildSettingsPatch(saved, { 'uptime-kuma.pollSeconds': 'soon' }, {}).services).toEqual({ 'uptime-kuma': { pollSeconds: 'soon' } });
  });
});

describe('addresses typed without a scheme', () => {
  it('are sent with http://, even when the form was submitted before the field lost focus', () => {
    const saved = fieldValuesFromSettings(fakePublicSettings({ services: { plex: { baseUrl: 'http://plex:32400' } } }));
    expect(buildSettingsPatch(saved, { 'overseerr.baseUrl': 'nas:5055', 'plex.baseUrl': 'plex:32400' }, {})).toEqual({ services: { overseerr: { baseUrl: 'http://nas:5055' } } });
  });
});

describe('service text fields', () => {
  it("reads and patches a service's text settings beside its address (Uptime Kuma's status page slug)", () => {
    const values = fieldValuesFromSettings(fakePublicSettings({ services: { 'uptime-kuma': { statusPageSlug: 'homelab' } } }));
    expect(values['uptime-kuma.statusPageSlug']).toBe('homelab');
    expect(buildSettingsPatch(values, { 'uptime-kuma.statusPageSlug': 'family' }, {})).toEqual({ services: { 'uptime-kuma': { statusPageSlug: 'family' } } });
  });
});

describe('editsAfterSave', () => {
  it('drops what was saved and keeps what changed again meanwhile', () => {
    expect(editsAfterSave({ 'plex.baseUrl': 'http://b', 'plex.enabled': true }, { 'plex.baseUrl': 'http://a', 'plex.enabled': true })).toEqual({
      'plex.baseUrl': 'http://b',
    });
  });
});

describe('download settings', () => {
  const saved = fieldValuesFromSettings(fakePublicSettings({ downloads: { pathMappings: [{ plexPath: '/data', localPath: '/mnt/nas' }] } }));

  it('compares path mappings by content, so rows put back as they were are not a change', () => {
    expect(buildSettingsPatch(saved, { 'downloads.pathMappings': [{ plexPath: '/data', localPath: '/mnt/nas' }] }, {})).toEqual({});
  });

  it('sends numbers as numbers, trims paths, drops rows left empty and adds http:// to a bare release host', () => {
    expect(
      buildSettingsPatch(
        saved,
        {
          'downloads.maxConcurrent': '3',
          'downloads.stagingFolder': ' /srv/.partial ',
          'downloads.pathMappings': [
            { plexPath: ' /data ', localPath: '/mnt/nas2' },
            { plexPath: '', localPath: '' },
          ],
          'downloads.releaseUrl': 'mirror.lan:8080/yt-dlp',
        },
        {},
      ),
    ).toEqual({ downloads: { stagingFolder: '/srv/.partial', releaseUrl: 'http://mirror.lan:8080/yt-dlp', maxConcurrent: 3, pathMappings: [{ plexPath: '/data', localPath: '/mnt/nas2' }] } });
  });
});
