import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import { describeError } from '../../ui/error-words';
import { fieldErrorsFromError } from './field-errors';

const invalid = (fields: { path: string; message: string }[]): AppError =>
  new AppError('INVALID_PAYLOAD', fields.map((field) => field.message).join('; '), { fields });

describe('fieldErrorsFromError', () => {
  it('maps each rejected path to its field', () => {
    const error = invalid([
      { path: 'services.uptime-kuma.baseUrl', message: 'Enter an http:// address' },
      { path: 'secrets.plex.token', message: 'Too small' },
      { path: 'downloads.folder', message: 'Too big' },
    ]);
    expect(fieldErrorsFromError(error)).toEqual({ 'uptime-kuma.baseUrl': 'Enter an http:// address', 'plex.token': 'Too small', 'downloads.folder': 'Too big' });
  });

  it('ignores paths the form has no field for, and errors that are not about the payload', () => {
    expect(fieldErrorsFromError(invalid([{ path: 'services.plex.tuning.timeoutMs', message: 'Too small' }]))).toEqual({});
    expect(fieldErrorsFromError(new AppError('UPSTREAM_UNREACHABLE', 'Connection refused by 127.0.0.1:9'))).toEqual({});
    expect(fieldErrorsFromError(new Error('boom'))).toEqual({});
  });
});

describe('describeError', () => {
  it('names each field as the form labels it, never a path or a channel', () => {
    const text = describeError(
      invalid([
        { path: 'services.plex.baseUrl', message: 'Enter an http:// or https:// address.' },
        { path: 'secrets.overseerr.apiKey', message: 'Use printable characters only.' },
      ]),
    );
    expect(text).toBe('Plex address: Enter an http:// or https:// address. Overseerr API key: Use printable characters only.');
    expect(text).not.toMatch(/services\.|secrets\.|settings:/);
  });

  it('drops a channel prefix, keeps other messages and hides what is not an AppError', () => {
    expect(describeError(new AppError('INVALID_PAYLOAD', 'settings:update: Something was off'))).toBe('Something was off');
    expect(describeError(new AppError('UPSTREAM_TIMEOUT', 'No answer from plex.local:32400 within 5 s'))).toBe('No answer from plex.local:32400 within 5 s');
    expect(describeError(new TypeError('x is undefined'))).toBe('Something went wrong. Please try again.');
  });
});

describe('fieldErrorsFromError for the Kuma and alert fields', () => {
  it('puts the poll interval and a nested field on their form fields', () => {
    const error = invalid([
      { path: 'services.uptime-kuma.pollSeconds', message: 'Too small: expected number to be >=1' },
      { path: 'notifications.quietHours.start', message: 'Enter a time as HH:MM, e.g. 22:00' },
    ]);
    expect(fieldErrorsFromError(error)).toEqual({ 'uptime-kuma.pollSeconds': 'Too small: expected number to be >=1', 'notifications.quietHours.start': 'Enter a time as HH:MM, e.g. 22:00' });
  });
});
