/**
 * Builds the dashboard into dist/dashboard, which the platform serves (with index.html for every
 * non-API path). `vite --config dashboard/vite.config.ts` runs it against a platform on :3000.
 */
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const dashboardDir = fileURLToPath(new URL('.', import.meta.url))
const platform = 'http://127.0.0.1:3000'
const proxy = { '/api': platform, '/healthz': platform, '/metrics': platform }

/** The dashboard's Vite config. */
export default defineConfig({
  root: dashboardDir,
  base: '/',
  // @throughline/sdk/conventions from the SDK's source, as tsconfig's paths say, not its built package.
  resolve: { tsconfigPaths: true },
  // No React plugin is installed: Oxc compiles .tsx with React's automatic runtime on its own.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: '../dist/dashboard',
    emptyOutDir: true,
    rolldownOptions: {
      // TanStack Query marks its modules "use client" for server-component bundlers; a browser bundle has nothing to keep.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning)
      },
    },
  },
  server: { host: '127.0.0.1', proxy },
  preview: { host: '127.0.0.1', proxy },
})
