/** The composition root: settings, and the platform started in one process. */
export { startPlatform, DASHBOARD_DIR } from './start.ts'
export type { Platform } from './start.ts'
export { loadSettings, ConfigError } from './config/settings.ts'
export type { PlatformSettings } from './config/settings.ts'
export { demoAlertRules, EXAMPLE_CONFIG } from './config/demo-alerts.ts'
export { isLoopback, savedLocalTenant } from './local-tenant.ts'
export type { Logger } from './logger.ts'
export { SILENT_LOGGER } from './logger.ts'
