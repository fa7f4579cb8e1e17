/** The composition root: settings, and the platform started in one process. */
export { startPlatform } from './start.ts'
export type { Platform } from './start.ts'
export { loadSettings, ConfigError } from './config/settings.ts'
export type { PlatformSettings } from './config/settings.ts'
export { demoAlertRules } from './config/demo-alerts.ts'
export { savedLocalTenant } from './local-tenant.ts'
export { MIGRATIONS } from './migrations.ts'
