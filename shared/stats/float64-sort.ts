/**
 * Sorts doubles ascending by a least-significant-digit radix sort on their IEEE 754 bits, which for the
 * sample sizes of a canary analysis (thousands of values) is several times faster than
 * Float64Array.prototype.sort. The bits are made order-preserving as unsigned integers (negative numbers
 * get every bit flipped, positive ones only the sign bit), sorted by six 11-bit digits, and turned back.
 * The result is the native sort's, -0 before +0 included. NaN is not expected (the judge drops or
 * replaces it); with NaN present, or on a big-endian machine, this falls back to the native sort.
 */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1
const RADIX_BITS = 11
const BUCKETS = 1 << RADIX_BITS
const SMALL = 256

export function sortFloat64(values: ArrayLike<number>): Float64Array {
  const input = Float64Array.from(values)
  const n = input.length
  if (n < SMALL || !LITTLE_ENDIAN || input.some(Number.isNaN)) return input.sort()

  const words = new Uint32Array(input.buffer)
  let lo = new Uint32Array(n)
  let hi = new Uint32Array(n)
  for (let i = 0; i < n; i++) {
    const low = words[2 * i]
    const high = words[2 * i + 1]
    if (high & 0x80000000) {
      lo[i] = ~low >>> 0
      hi[i] = ~high >>> 0
    } else {
      lo[i] = low
      hi[i] = (high | 0x80000000) >>> 0
    }
  }

  let loOut = new Uint32Array(n)
  let hiOut = new Uint32Array(n)
  const counts = new Uint32Array(BUCKETS)
  // Digits from the least significant: three of the low word (bits 0–10, 11–21, 22–31), three of the high.
  for (const [useHigh, shift] of [
    [false, 0],
    [false, 11],
    [false, 22],
    [true, 0],
    [true, 11],
    [true, 22]
  ] as const) {
    counts.fill(0)
    const keys = useHigh ? hi : lo
    for (let i = 0; i < n; i++) counts[(keys[i] >>> shift) & (BUCKETS - 1)]++
    // A digit every value shares (the exponent bits of similar numbers, often) leaves the order as it is.
    if (counts[(keys[0] >>> shift) & (BUCKETS - 1)] === n) continue
    let total = 0
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      const count = counts[bucket]
      counts[bucket] = total
      total += count
    }
    for (let i = 0; i < n; i++) {
      const target = counts[(keys[i] >>> shift) & (BUCKETS - 1)]++
      loOut[target] = lo[i]
      hiOut[target] = hi[i]
    }
    ;[lo, loOut] = [loOut, lo]
    ;[hi, hiOut] = [hiOut, hi]
  }

  for (let i = 0; i < n; i++) {
    const high = hi[i]
    if (high & 0x80000000) {
      words[2 * i] = lo[i]
      words[2 * i + 1] = high & 0x7fffffff
    } else {
      words[2 * i] = ~lo[i] >>> 0
      words[2 * i + 1] = ~high >>> 0
    }
  }
  return input
}
