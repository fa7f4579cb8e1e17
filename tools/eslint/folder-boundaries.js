// @ts-check
/**
 * The house rule that the folders are the architecture: a file reaches another top-level folder
 * only through that folder's index.ts, the SDK reaches none of ours and is reached only as the
 * package `@throughline/sdk`, and the dashboard takes only types and pure helpers from the server
 * side (and only the conventions of the SDK, never its OpenTelemetry runtime).
 */
import path from 'node:path'

const FOLDERS = [
  'bin',
  'platform',
  'core',
  'telemetry',
  'collector',
  'storage',
  'api',
  'spans',
  'logs',
  'journeys',
  'estate',
  'ingest',
  'alerts',
  'dashboard',
  'demo',
  'sdk',
  'test',
  'bench',
]
/** The SDK's package and its one subpath: everything outside sdk/ imports it by these names. */
const SDK_PACKAGE = '@throughline/sdk'
const SDK_CONVENTIONS = '@throughline/sdk/conventions'
const OURS = FOLDERS.filter((folder) => folder !== 'sdk')
/** Who may import whom by relative path. Test and bench files may reach everything through index files. */
const ALLOWED = {
  sdk: [],
  core: [],
  telemetry: [],
  storage: ['core', 'telemetry'],
  collector: ['core', 'telemetry'],
  api: ['core', 'storage', 'telemetry'],
  spans: ['core', 'telemetry', 'storage', 'api'],
  logs: ['core', 'telemetry', 'storage', 'api', 'spans'],
  journeys: ['core', 'telemetry', 'storage', 'spans', 'api', 'estate'],
  estate: ['core', 'telemetry', 'storage', 'spans', 'api'],
  ingest: ['core', 'telemetry', 'collector', 'storage', 'spans', 'logs', 'api'],
  alerts: ['core', 'telemetry', 'storage', 'spans', 'journeys', 'estate', 'api'],
  dashboard: ['core'],
  demo: [],
  platform: ['core', 'telemetry', 'collector', 'storage', 'api', 'spans', 'logs', 'journeys', 'estate', 'ingest', 'alerts'],
  bin: ['platform', 'demo', 'core', 'telemetry'],
  test: OURS,
  bench: OURS,
}
/**
 * Entry points besides a folder's index, with the folders that may not use them: the API's zod
 * schemas are the server's, so the dashboard's bundle never carries zod (it takes the same shapes
 * as types from core/index.ts).
 */
const EXTRA_ENTRIES = new Map([['core/api-schemas.ts', ['dashboard']]])

function folderOf(relative) {
  const first = relative.split(path.sep)[0]
  return FOLDERS.includes(first) ? first : undefined
}

export default {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      notAllowed: "'{{from}}/' may not import from '{{to}}/' (dependencies point one way)",
      notIndex: "import '{{to}}/' through its index.ts, not '{{target}}'",
      serverOnly: "'{{from}}/' may not import '{{target}}': it carries zod; take the shapes as types from '{{to}}/index.ts'",
      sdkPackage: "import the SDK by its package name, '@throughline/sdk' or '@throughline/sdk/conventions', not '{{target}}'",
      sdkRuntime: "the dashboard takes only '@throughline/sdk/conventions', not the SDK's OpenTelemetry runtime",
      frozenMigration:
        "import the table's own module, not migration '{{target}}': migrations are frozen history, and only their folder's registry imports them",
    },
  },
  create(context) {
    const root = context.cwd
    const file = path.relative(root, context.filename)
    const from = folderOf(file)
    if (!from) return {}
    // Unit tests beside the code, and benchmarks, may use the shared fixtures in test/fixtures.
    const isUnitTest = /\.test\.tsx?$/.test(file)
    const mayUseFixtures = isUnitTest || from === 'bench'
    const check = (node) => {
      const spec = node.source?.value
      if (typeof spec !== 'string') return
      if (spec === SDK_PACKAGE || spec.startsWith(`${SDK_PACKAGE}/`)) {
        if (from === 'dashboard' && spec !== SDK_CONVENTIONS) context.report({ node, messageId: 'sdkRuntime' })
        return
      }
      if (!spec.startsWith('.')) return
      const target = path.relative(root, path.resolve(path.dirname(context.filename), spec))
      const posixTarget = target.split(path.sep).join('/')
      const isRegistry = /(^|\/)migrations(\/index)?\.ts$/.test(file.split(path.sep).join('/'))
      if (
        /\/migrations\/\d{4}-[^/]+\.ts$/.test(posixTarget) &&
        !isRegistry &&
        !isUnitTest &&
        !/\/migrations\/\d{4}-/.test(file.split(path.sep).join('/'))
      ) {
        context.report({ node, messageId: 'frozenMigration', data: { target: posixTarget } })
        return
      }
      const to = folderOf(target)
      if (!to || to === from) return
      if (mayUseFixtures && posixTarget.startsWith('test/fixtures/')) return
      if (to === 'sdk') {
        context.report({ node, messageId: 'sdkPackage', data: { target: spec } })
        return
      }
      if (!ALLOWED[from].includes(to)) {
        context.report({ node, messageId: 'notAllowed', data: { from, to } })
        return
      }
      const isIndex = /^[^/]+\/index\.tsx?$/.test(posixTarget)
      const barred = EXTRA_ENTRIES.get(posixTarget)
      if (barred?.includes(from)) context.report({ node, messageId: 'serverOnly', data: { from, to, target: posixTarget } })
      else if (!isIndex && !barred) context.report({ node, messageId: 'notIndex', data: { to, target } })
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ImportExpression: (node) => check({ ...node, source: node.source }) }
  },
}
