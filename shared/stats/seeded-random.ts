/**
 * A small deterministic generator (mulberry32) and Gaussian draws from it (Box-Muller), for the places
 * where an algorithm calls for noise but a verdict must not change from one run to the next.
 */
export function seededRandom(seed: number): () => number {
  const next = seededUint32(seed)
  return () => next() / 4294967296
}

/** The same generator's raw 32-bit outputs, for samplers that work on integers (Poisson draws by table). */
export function seededUint32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
}

export function gaussian(random: () => number, sigma: number): number {
  const u = 1 - random() // (0, 1]: log(0) never happens
  const v = random()
  return sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}

/** FNV-1a of a string: a stable seed from a metric's name. */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}
