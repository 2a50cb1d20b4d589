/**
 * Poisson(λ) draws for integer λ, from one 32-bit uniform each: inversion of the CDF through a guide table
 * (Devroye 1986, ch. III.3), so a draw is a table lookup and a step or two. λ above the largest table is the
 * sum of draws of smaller λ, which is exact since independent Poisson variables add.
 */
import { seededUint32 } from '../stats/seeded-random.js'

const MAX_TABLE = 64
const GUIDE_BITS = 8

interface Table {
  /** P(X ≤ k), scaled to 2³². */
  cdf: Float64Array
  /** For each of the 2^GUIDE_BITS slices of [0, 2³²), the first k whose CDF exceeds the slice's start. */
  guide: Uint16Array
}

const tables: (Table | undefined)[] = []

function tableFor(lambda: number): Table {
  let table = tables[lambda]
  if (table) return table
  const cdf: number[] = []
  let term = Math.exp(-lambda)
  let total = 0
  // Until the tail is negligible; rounding can keep the sum a hair below 1, so stop on the term's size.
  for (let k = 0; k <= lambda || term > 1e-18; k++) {
    total += term
    cdf.push(Math.min(total, 1) * 2 ** 32)
    term *= lambda / (k + 1)
  }
  cdf[cdf.length - 1] = 2 ** 32
  const guide = new Uint16Array(1 << GUIDE_BITS)
  let k = 0
  for (let slice = 0; slice < guide.length; slice++) {
    const start = slice * 2 ** (32 - GUIDE_BITS)
    while (cdf[k] <= start) k++
    guide[slice] = k
  }
  table = { cdf: Float64Array.from(cdf), guide }
  tables[lambda] = table
  return table
}

/** Poisson draws for any non-negative integer λ from the project's seeded generator (mulberry32). */
export class PoissonSampler {
  private readonly uniform: () => number

  constructor(seed: number) {
    this.uniform = seededUint32(seed)
  }

  draw(lambda: number): number {
    if (lambda === 0) return 0
    let total = 0
    while (lambda > MAX_TABLE) {
      total += this.drawSmall(MAX_TABLE)
      lambda -= MAX_TABLE
    }
    return total + this.drawSmall(lambda)
  }

  private drawSmall(lambda: number): number {
    const { cdf, guide } = tableFor(lambda)
    const u = this.uniform()
    let k = guide[u >>> (32 - GUIDE_BITS)]
    while (u >= cdf[k]) k++
    return k
  }
}
