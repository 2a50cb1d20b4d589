/**
 * Formats a number to `digits` significant digits without float noise (never 0.30000000000000004)
 * and without exponents for the magnitudes metrics usually have.
 */
export function formatNumber(value: number, digits = 4): string {
  if (Number.isNaN(value)) return 'NaN'
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞'
  if (value === 0) return '0'
  const magnitude = Math.abs(value)
  if (magnitude >= 1e-6 && magnitude < 1e15) {
    const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(magnitude)))
    const rounded = Number(value.toFixed(Math.min(decimals, 100)))
    if (Number.isInteger(rounded) && Math.abs(rounded) >= 10 ** digits) return String(rounded)
    return trimZeros(rounded.toFixed(Math.min(decimals, 100)))
  }
  const [mantissa, exponent] = value.toExponential(digits - 1).split('e')
  return `${trimZeros(mantissa)}e${exponent}`
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text
}
