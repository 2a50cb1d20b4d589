// Jest's globalSetup: every temporary directory of one `npm test` lives under one root, removed by
// global-teardown.mjs, so a run leaves nothing in /tmp (issue 14). The root is this run's TMPDIR: os.tmpdir() in the
// test files, in Jest's workers (forked after this, with this environment) and in every program a test starts (the
// bundles the harness runs, the registry, Prometheus, Python) all answer it. MLCI_KEEP_TMP=1 keeps the root to look
// at.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'

export default function globalSetup() {
  const root = mkdtempSync(path.join(tmpdir(), 'mlci-test-'))
  process.env.MLCI_TEST_TMP_ROOT = root
  process.env.TMPDIR = root
}
