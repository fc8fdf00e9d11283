/**
 * Text that a spreadsheet would run as a formula (=, +, -, @, and tab or carriage return before
 * them) is prefixed with an apostrophe before it is exported to XLSX or CSV (OWASP CSV injection).
 * Numbers stay numbers: a negative amount is data, not a formula.
 */
export function neutralizeFormula<T>(value: T): T | string {
  if (typeof value !== 'string') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
