// The deploy demo's traffic switch, as a `command` target: a real one would call the serving platform's
// API (a weighted route, a SageMaker variant weight, a Kubernetes canary). This one only says what it
// would do, from the MLCI_* variables mlci sets.
const { MLCI_MODEL_URI, MLCI_PREVIOUS_MODEL_URI, MLCI_ENVIRONMENT, MLCI_STAGE, MLCI_TRAFFIC_PERCENT } =
  process.env
if (process.argv.includes('--rollback')) {
  console.log(`${MLCI_ENVIRONMENT}: all traffic back to ${MLCI_PREVIOUS_MODEL_URI || 'the previous model'}`)
} else {
  console.log(
    `${MLCI_ENVIRONMENT}: stage ${MLCI_STAGE}, ${MLCI_TRAFFIC_PERCENT}% of traffic to ${MLCI_MODEL_URI}`
  )
}
