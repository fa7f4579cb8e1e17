import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

/**
 * Two projects: every test on the plain embedded engine, and the tests that store, query, alert
 * or answer the API again on the cluster schema with one `localhost` shard (Distributed tables
 * over local ones, in the same engine), whose answers must be the plain engine's. Tests that touch
 * no storage are not repeated.
 */
const ON_ONE_SHARD = [
  'storage/batch.test.ts',
  'storage/migrate.test.ts',
  'spans/span-store*.test.ts',
  'journeys/journey-store.test.ts',
  'journeys/match-rules.test.ts',
  'journeys/duplicate-postings.test.ts',
  'journeys/replays.test.ts',
  'journeys/stock-decrements.test.ts',
  'journeys/trends.test.ts',
  'journeys/taxes.test.ts',
  'journeys/span-index/*.test.ts',
  'journeys/summaries/*.test.ts',
  'estate/estate-store.test.ts',
  'estate/dead-letter-replays.test.ts',
  'alerts/alert-service.test.ts',
  'alerts/fetch-observations.test.ts',
  'alerts/leader/*.test.ts',
  'alerts/queries/same-answers.test.ts',
  'alerts/store/*.test.ts',
  'ingest/spool-*.test.ts',
  'test/journey-status-equivalence.test.ts',
  'test/stock-mismatch-agreement.test.ts',
  'test/versioned-state-upgrade.test.ts',
  'test/journeys.e2e.test.ts',
  'test/query-api.e2e.test.ts',
  'test/otlp-logs.e2e.test.ts',
]

export default defineConfig({
  // The SDK is a workspace package: the platform imports @throughline/sdk, which tsconfig's paths map to its source.
  resolve: { tsconfigPaths: true },
  test: {
    exclude: ['node_modules/**', 'dist/**', 'data/**', '.scratch/**'],
    pool: 'forks',
    // One fork per core, not vitest's default of one fewer: most files wait on a platform process, a browser or the engine's queue.
    maxWorkers: availableParallelism(),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'engine', include: ['**/*.test.ts', '**/*.test.tsx'] } },
      { extends: true, test: { name: 'one-shard', include: ON_ONE_SHARD, env: { THROUGHLINE_TEST_CLUSTER: 'one_shard' } } },
    ],
  },
})
