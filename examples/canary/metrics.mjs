// Canary metrics for the deploy demo, as a `command` provider: prints the latency and error-rate samples
// of canary and baseline over the analysis window mlci passes in MLCI_ANALYSIS_START/END, one sample per
// 15 s. A real script would query its metrics store for that window; this one simulates a service whose
// canary is DEMO_CANARY_SLOWDOWN times slower (default 1: healthy), deterministically from the window.
const start = Date.parse(process.env.MLCI_ANALYSIS_START)
const end = Date.parse(process.env.MLCI_ANALYSIS_END)
const slowdown = Number(process.env.DEMO_CANARY_SLOWDOWN ?? '1')
if (!Number.isFinite(start) || !Number.isFinite(end)) {
  console.error('MLCI_ANALYSIS_START and MLCI_ANALYSIS_END must be RFC 3339 times')
  process.exit(2)
}

// A small deterministic generator, so the same window always gives the same samples.
function random(seed) {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 4294967296
  }
}

function series(seed, center, spread) {
  const next = random(seed)
  const values = []
  for (let t = start; t <= end; t += 15_000) values.push(center * (1 + spread * (next() + next() - 1)))
  return values
}

const seed = Math.floor(end / 1000)
console.log(
  JSON.stringify({
    p95_latency_ms: { canary: series(seed, 120 * slowdown, 0.1), baseline: series(seed + 1, 120, 0.1) },
    error_rate: { canary: series(seed + 2, 0.002, 0.5), baseline: series(seed + 3, 0.002, 0.5) }
  })
)
