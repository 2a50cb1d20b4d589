import { describe, expect, test } from '@jest/globals'
import * as path from 'node:path'
import { pullRequestEvent } from './harness/events.js'
import { REPO_ROOT, runAction, runActionWithPost } from './harness/run-action.js'
import { workspaceWith } from './harness/workspace.js'

const probe = path.join(REPO_ROOT, 'test/fixtures/probe-action')

describe('runner-faithful harness', () => {
  test('maps inputs, applies action.yml defaults and carries state from main to post', async () => {
    const { main, post } = await runActionWithPost({
      action: probe,
      inputs: { 'greeting word': 'hello' },
      token: 'ghs_secret123',
      event: 'pull_request',
      eventPayload: pullRequestEvent({ number: 7 })
    })
    expect(main.exitCode).toBe(0)
    expect(main.outputs).toMatchObject({
      greeting: 'hello',
      'max-errors': '1000',
      multiline: 'first line\nsecond line',
      event: `pull_request 7 ${'e'.repeat(40)}`,
      repo: 'octo-org/models'
    })
    expect(main.masks).toEqual(['ghs_secret123'])
    expect(main.exportedEnv).toEqual({ PROBE_EXPORTED: 'yes' })
    expect(main.summary).toContain('<h3>probe summary</h3>')
    expect(main.annotations).toEqual([
      expect.objectContaining({
        level: 'warning',
        message: 'a warning, 100% escaped',
        file: 'data/train.csv',
        line: 7,
        title: 'probe, with: punctuation'
      })
    ])
    expect(post.exitCode).toBe(0)
    expect(post.outputs.carried).toBe('2026-11-26T08:00:00Z')
    expect(post.summary).toBe('ran post')
  })

  test('refuses inputs that action.yml does not declare', async () => {
    await expect(runAction({ action: probe, inputs: { greeting: 'typo' } })).rejects.toThrow(/not declared/)
  })

  test('a bundle writes outputs and a step summary that the test reads back', async () => {
    const result = await runAction({
      action: 'evaluate',
      inputs: { metrics: 'metrics/*.json', 'check-name': '' },
      workspace: await workspaceWith({ 'metrics/eval.json': '{"test": {"accuracy": 0.93, "auc": 0.97}}' })
    })
    expect(result.exitCode).toBe(0)
    expect(JSON.parse(result.outputs.metrics)).toEqual({ 'test.accuracy': 0.93, 'test.auc': 0.97 })
    expect(result.summary).toContain('| test.accuracy | 0.93 |')
  })

  test("a user's mistake is one annotation at file:line, without a stack", async () => {
    const result = await runAction({
      action: 'evaluate',
      inputs: { metrics: 'eval.json' },
      workspace: await workspaceWith({ 'eval.json': '{\n  "accuracy": 0.93,\n  "auc": \n}' })
    })
    expect(result.exitCode).toBe(1)
    const errors = result.annotations.filter(a => a.level === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ file: 'eval.json', line: 4 })
    expect(errors[0].message).toMatch(/eval\.json:4:1: not valid JSON/)
    expect(result.stdout).not.toMatch(/\n\s+at /)
  })
})
