/**
 * A timestamp (ISO UTC) as the person reads it: MM/DD/YYYY and the time, in their own time
 * zone unless one is given. Text that is not a timestamp is shown as it is, never as
 * "Invalid Date".
 */
export function timestampText(value: string, timeZone?: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return d.toLocaleString('en-US', {
    month: '2-digit',
    day: '2-digit',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  });
}
