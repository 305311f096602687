import { describe, expect, it } from 'vitest';
import { fieldErrorsFromMessage } from './field-errors';

describe('fieldErrorsFromMessage', () => {
  it('maps each path in an INVALID_PAYLOAD message to its field', () => {
    expect(
      fieldErrorsFromMessage('settings:update: services.uptime-kuma.baseUrl: Enter an http:// address; secrets.plex.token: Too small; downloads.folder: Too big'),
    ).toEqual({ 'uptime-kuma.baseUrl': 'Enter an http:// address', 'plex.token': 'Too small', 'downloads.folder': 'Too big' });
  });

  it('ignores paths the form has no field for', () => {
    expect(fieldErrorsFromMessage('settings:update: services.plex.tuning.timeoutMs: Too small; Unrecognized key')).toEqual({});
  });
});

describe('fieldErrorsFromMessage for the Kuma and alert fields', () => {
  it('puts the poll interval and a nested field on their form fields', () => {
    expect(
      fieldErrorsFromMessage('settings:update: services.uptime-kuma.pollSeconds: Too small: expected number to be >=1; notifications.quietHours.start: Enter a time as HH:MM, e.g. 22:00'),
    ).toEqual({ 'uptime-kuma.pollSeconds': 'Too small: expected number to be >=1', 'notifications.quietHours.start': 'Enter a time as HH:MM, e.g. 22:00' });
  });
});
