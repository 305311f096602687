/**
 * Public entry of the integration layer: what features and hosts may use of it.
 */
export { createIntegrationLayer, type IntegrationLayer, type IntegrationLayerOptions } from './integration-layer';
export { testService, type TestServiceOptions, type TestServiceResult } from '../health/test-service';
export type { Gateway, CallContext, CallOptions } from '../gateway/gateway';
export type { ServiceRegistry } from '../upstream/service-registry';
export type { ServiceStats } from '../gateway/gateway-stats';
export type { ResolvedServiceConfig } from '../upstream/service-config';
export type { GetSecret } from '../upstream/service-http';
export { parseResponse } from '../upstream/parse-response';
export type { CallResult, ResultSource } from '../cache/call-result';
export { runFallbackChain, type FallbackChainOptions } from '../cache/fallback-chain';
export type { ResponseCache } from '../cache/response-cache';
export type { HealthMonitor } from '../health/health-monitor';
export type { HealthCheckResult, HealthStatus, ServiceHealth } from '../health/service-health';
export type { BreakerState } from '../resilience/circuit-breaker';
