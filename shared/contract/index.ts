export * from './api';
export * from './errors';
export * from './events';
export * from './invokes';
export * from './schemas/app-schemas';
export * from './schemas/health-schemas';
export * from './schemas/settings-schemas';
