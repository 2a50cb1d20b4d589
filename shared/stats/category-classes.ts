import { numericReading } from '../data/cell-spans.js'

/**
 * Value counts of a column with too many distinct values to count them one by one: each value is counted in
 * one of CATEGORY_CLASSES classes given by a hash of the value, so memory and the profile stay bounded (a
 * Float64Array of 4096 counts; in a profile file only the classes seen) and profiles of shards merge by adding.
 *
 * Drift between two such columns compares the class counts. Putting values together in a class is what the
 * data-processing inequality is about: for every f-divergence (PSI is the symmetrised KL divergence,
 * Jensen-Shannon's divergence, Pearson's chi-square) a coarser partition never gives a larger value, so the
 * score on classes is a LOWER BOUND of the exact score, and a column that drifts on classes drifts exactly.
 *
 * The class of a value depends on its text only: a text that reads as a number (as numericReading, the one
 * reading every reader shares) is hashed by that number's bits, so CSV cells, JSON numbers and the text keys
 * of exact counts agree, and a numeric cell is classed without making its string.
 */
export const CATEGORY_CLASSES = 4096
const MASK = CATEGORY_CLASSES - 1

const bits = new Float64Array(1)
const words = new Uint32Array(bits.buffer)

/** The class of a value that reads as the finite or infinite number `value`. */
export function numberClass(value: number): number {
  bits[0] = value === 0 ? 0 : value // -0 and 0 are one value
  return finalise(Math.imul(words[0] ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(words[1], 0xc2b2ae35))
}

/** The class of a value given by its text (a number's text is classed as that number). */
export function textClass(text: string): number {
  const number = numericReading(text)
  if (number === number) return numberClass(number)
  // FNV-1a over UTF-16 code units.
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return finalise(hash)
}

/**
 * textClass of an ASCII text that does not read as a number, from its bytes (FNV-1a over ASCII bytes is FNV-1a
 * over its UTF-16 code units): a CSV cell is classed without making its string.
 */
export function asciiClass(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193)
  return finalise(hash)
}

/** murmur3's 32-bit finaliser: every input bit reaches the low bits that pick the class. */
function finalise(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h & MASK
}

/** Exact value counts (text → count) as class counts. */
export function classCounts(counts: ReadonlyMap<string, number>): Float64Array {
  const classes = new Float64Array(CATEGORY_CLASSES)
  for (const [text, count] of counts) classes[textClass(text)] += count
  return classes
}
