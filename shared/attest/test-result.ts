import type { Results, RuleResult, Verdict } from '../metrics/results.js'
import {
  statement,
  type FileEvidence,
  type ModelSubject,
  type ResourceDescriptor,
  type Statement
} from './statement.js'

/** in-toto/attestation `spec/predicates/test-result.md`, version 0.1.0. */
export const TEST_RESULT_TYPE = 'https://in-toto.io/attestation/test-result/v0.1'

type TestResult = 'PASSED' | 'WARNED' | 'FAILED'

export interface TestResultPredicate {
  result: TestResult
  configuration: ResourceDescriptor[]
  url?: string
  passedTests: string[]
  warnedTests: string[]
  failedTests: string[]
}

export interface TestResultInput {
  model: ModelSubject
  results: Results
  /** evaluate's results file, as the user named it. */
  resultsFile: FileEvidence
  /** The policy file the results name, when it could be read. */
  policyFile?: FileEvidence
  /** The workflow run (without its attempt). */
  runUrl?: string
}

/**
 * evaluate's verdict as a Test Result. The predicate knows PASSED, WARNED ("passed with warnings") and FAILED;
 * `inconclusive` — the evidence showed neither that a change is within its tolerance nor beyond it — maps to
 * FAILED: WARNED would claim the model passed, which evaluate did not establish, and a deploy that accepts
 * WARNED must not let an undecided regression through. Consumers who want to tell the two apart read the rule
 * statuses in the results file the configuration names by digest.
 */
const TEST_RESULT_OF: Record<Verdict, TestResult> = {
  pass: 'PASSED',
  warn: 'WARNED',
  inconclusive: 'FAILED',
  fail: 'FAILED'
}

/**
 * The Test Result Statement about the model. Each policy rule is one test, named `<metric> <rule>` or
 * `<metric>[<slice>] <rule>`: a counted rule's pass, warn and fail go to passedTests, warnedTests and failedTests,
 * an inconclusive one to failedTests (as the verdict); an informational rule never fails the run, so anything
 * but its pass is a warning; a skipped rule is no test.
 */
export function buildTestResultStatement(input: TestResultInput): Statement<TestResultPredicate> {
  const passedTests: string[] = []
  const warnedTests: string[] = []
  const failedTests: string[] = []
  for (const rule of input.results.rules) {
    if (rule.status === 'skipped') continue
    const name = testName(rule)
    if (rule.status === 'pass') passedTests.push(name)
    else if (rule.informational || rule.status === 'warn') warnedTests.push(name)
    else failedTests.push(name)
  }
  const configuration: ResourceDescriptor[] = [
    ...(input.policyFile ? [fileDescriptor(input.policyFile)] : []),
    fileDescriptor(input.resultsFile, 'application/json')
  ]
  return statement(input.model, TEST_RESULT_TYPE, {
    result: TEST_RESULT_OF[input.results.verdict],
    configuration,
    ...(input.runUrl ? { url: input.runUrl } : {}),
    passedTests,
    warnedTests,
    failedTests
  })
}

function testName(rule: RuleResult): string {
  return `${rule.metric}${rule.slice === undefined ? '' : `[${rule.slice}]`} ${rule.rule}`
}

function fileDescriptor(file: FileEvidence, mediaType?: string): ResourceDescriptor {
  return { name: file.name, digest: { sha256: file.sha256 }, ...(mediaType ? { mediaType } : {}) }
}
