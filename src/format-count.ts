/**
 * A whole number with thousands separators, as en-US writes it ("10,000"). Not
 * `toLocaleString("en-US")`: the first Intl call in a process loads ICU's locale data, about
 * 18 ms here, and module-level messages would pay that at every cold start.
 */
export function formatCount(value: number): string {
  if (!Number.isSafeInteger(value)) return String(value);
  const digits = String(Math.abs(value)).replace(/\B(?=(\d{3})+$)/g, ",");
  return value < 0 ? `-${digits}` : digits;
}
