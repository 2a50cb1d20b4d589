/**
 * The set of keys seen by a uniqueness rule, in bounded memory: each key is stored as a 64-bit hash
 * (two independent 32-bit FNV-1a variants) in open-addressed typed arrays, with the line where it first
 * appeared. A million keys take about 24 MB instead of ~100 MB for a Map of strings. Two different keys
 * collide with probability about n²/2⁶⁵ (below 1e-7 for 1e6 keys): a false duplicate is that unlikely.
 */
export class KeySet {
  /** Slot i is words[3i] (first hash), words[3i + 1] (second hash), words[3i + 2] (line, -1 when empty). */
  private words: Int32Array
  private used = 0

  constructor(capacity = 1 << 12) {
    this.words = KeySet.emptySlots(capacity)
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
    return this.insert(h1 | 0, h2 | 0, line)
  }

  /**
   * addOrFind for a key written in ASCII bytes[start, end): the same hash as its string (each byte is
   * its own UTF-16 code unit), so keys read as bytes and as strings meet in one set.
   */
  addOrFindAscii(bytes: Uint8Array, start: number, end: number, line: number): number {
    let h1 = 0x811c9dc5
    let h2 = 0x01000193 ^ (end - start)
    for (let i = start; i < end; i++) {
      const c = bytes[i]
      h1 = Math.imul(h1 ^ c, 0x01000193)
      h2 = Math.imul(h2 ^ c, 0x5bd1e995)
      h2 ^= h2 >>> 15
    }
    return this.insert(h1 | 0, h2 | 0, line)
  }

  /** One slot's three words sit side by side: a probe costs one cache miss, not three. */
  private insert(h1: number, h2: number, line: number): number {
    const words = this.words
    const mask = words.length / 3 - 1
    let slot = (h1 ^ Math.imul(h2, 0x9e3779b1)) & mask
    for (;;) {
      const at = slot * 3
      const seen = words[at + 2]
      if (seen === -1) {
        words[at] = h1
        words[at + 1] = h2
        words[at + 2] = line
        if (++this.used * 2 > mask + 1) this.grow()
        return -1
      }
      if (words[at] === h1 && words[at + 1] === h2) return seen
      slot = (slot + 1) & mask
    }
  }

  /** Makes room for `keys` keys at once: one rehash instead of one per doubling (and no doubling peaks). */
  reserve(keys: number): void {
    let capacity = this.words.length / 3
    while (keys * 2 > capacity) capacity *= 2
    if (capacity > this.words.length / 3) this.rehash(capacity)
  }

  private grow(): void {
    this.rehash((this.words.length / 3) * 2)
  }

  private rehash(capacity: number): void {
    const old = this.words
    const words = KeySet.emptySlots(capacity)
    const mask = capacity - 1
    for (let at = 0; at < old.length; at += 3) {
      if (old[at + 2] === -1) continue
      let slot = (old[at] ^ Math.imul(old[at + 1], 0x9e3779b1)) & mask
      while (words[slot * 3 + 2] !== -1) slot = (slot + 1) & mask
      words[slot * 3] = old[at]
      words[slot * 3 + 1] = old[at + 1]
      words[slot * 3 + 2] = old[at + 2]
    }
    this.words = words
  }

  private static emptySlots(capacity: number): Int32Array {
    const words = new Int32Array(capacity * 3)
    for (let at = 2; at < words.length; at += 3) words[at] = -1
    return words
  }
}
