/**
 * The set of keys seen by a uniqueness rule, in bounded memory: each key is stored as a 64-bit hash
 * (two independent 32-bit FNV-1a variants) in open-addressed typed arrays, with the line where it first
 * appeared. A million keys take about 24 MB instead of ~100 MB for a Map of strings. Two different keys
 * collide with probability about n²/2⁶⁵ (below 1e-7 for 1e6 keys): a false duplicate is that unlikely.
 */
export class KeySet {
  private high: Uint32Array
  private low: Uint32Array
  private lines: Int32Array
  private used = 0

  constructor(capacity = 1 << 12) {
    this.high = new Uint32Array(capacity)
    this.low = new Uint32Array(capacity)
    this.lines = new Int32Array(capacity).fill(-1)
  }

  get size(): number {
    return this.used
  }

  /** Adds the key; returns -1 when it is new, else the line where it was first seen. */
  addOrFind(key: string, line: number): number {
    let h1 = 0x811c9dc5
    let h2 = 0x01000193 ^ key.length
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i)
      h1 = Math.imul(h1 ^ c, 0x01000193)
      h2 = Math.imul(h2 ^ c, 0x5bd1e995)
      h2 ^= h2 >>> 15
    }
    h1 >>>= 0
    h2 >>>= 0
    const mask = this.lines.length - 1
    let slot = (h1 ^ Math.imul(h2, 0x9e3779b1)) & mask
    for (;;) {
      const seen = this.lines[slot]
      if (seen === -1) break
      if (this.high[slot] === h1 && this.low[slot] === h2) return seen
      slot = (slot + 1) & mask
    }
    this.high[slot] = h1
    this.low[slot] = h2
    this.lines[slot] = line
    if (++this.used * 2 > this.lines.length) this.grow()
    return -1
  }

  private grow(): void {
    const { high, low, lines } = this
    const capacity = lines.length * 2
    this.high = new Uint32Array(capacity)
    this.low = new Uint32Array(capacity)
    this.lines = new Int32Array(capacity).fill(-1)
    const mask = capacity - 1
    for (let i = 0; i < lines.length; i++) {
      if (lines[i] === -1) continue
      let slot = (high[i] ^ Math.imul(low[i], 0x9e3779b1)) & mask
      while (this.lines[slot] !== -1) slot = (slot + 1) & mask
      this.high[slot] = high[i]
      this.low[slot] = low[i]
      this.lines[slot] = lines[i]
    }
  }
}
