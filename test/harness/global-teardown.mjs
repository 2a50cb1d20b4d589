// Jest's globalTeardown: removes this run's temporary root (global-setup.mjs), whatever the tests left in it.
import { rmSync } from 'node:fs'

export default function globalTeardown() {
  const root = process.env.MLCI_TEST_TMP_ROOT
  if (!root) return
  if (process.env.MLCI_KEEP_TMP === '1') {
    console.log(`\nMLCI_KEEP_TMP=1: this run's temporary files are kept in ${root}`)
    return
  }
  rmSync(root, { recursive: true, force: true, maxRetries: 3 })
}
