/**
 * Errors raised by the gateway itself before any policy runs.
 */
import { AppError } from '../../../shared/contract/errors';
import { serviceLabel } from '../../../shared/contract/services';

export function serviceDisabledError(service: string): AppError {
  return new AppError('SERVICE_DISABLED', `${serviceLabel(service)} is turned off in Settings.`, { service });
}

export function serviceNotConfiguredError(service: string): AppError {
  return new AppError('SERVICE_NOT_CONFIGURED', `${serviceLabel(service)} has no address yet. Add it in Settings.`, { service });
}
