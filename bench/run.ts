/**
 * `npm run bench`: runs every `bench/*.bench.ts` in its own process, one after another so they
 * do not compete for the two cores, each printing its own side-by-side ratios.
 * `npm run bench -- sdk decode` runs only the files whose names contain a filter.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const filters = process.argv.slice(2)
const files = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort()

let failed = 0
for (const file of files) {
  console.log(`\n== ${file.replace('.bench.ts', '')}`)
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(here, file)], { stdio: 'inherit' })
  if (result.status !== 0) {
    failed += 1
    console.log(`   ${file} failed with exit code ${String(result.status)}`)
  }
}
process.exit(failed === 0 ? 0 : 1)
