import { describe, test } from '@jest/globals'
import { requireBinaries, type BinaryRequirements } from './find-binary.js'

/**
 * Tests that need a real server binary declare it, keyed by binary, valued by Debian package:
 *
 *   const registryTest = await testIfBinaries({ 'docker-registry': 'docker-registry', skopeo: 'skopeo' })
 *   registryTest('pushes and reads back', async () => { … })
 *
 * A missing binary skips the tests with a loud banner on a developer machine, and fails the suite under
 * CI=true, where a skip would hide a broken runner image behind a green check. Kept apart from
 * find-binary.ts so the server helpers also load outside Jest (bench/, scripts).
 */

/** `test` when every binary is present, `test.skip` otherwise (or throws under CI). */
export async function testIfBinaries(requirements: BinaryRequirements): Promise<typeof test.skip> {
  return (await requireBinaries(requirements)) ? test : test.skip
}

/** `describe` when every binary is present, `describe.skip` otherwise (or throws under CI). */
export async function describeIfBinaries(requirements: BinaryRequirements): Promise<typeof describe.skip> {
  return (await requireBinaries(requirements)) ? describe : describe.skip
}
