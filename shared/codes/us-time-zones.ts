/**
 * The time zone of each US state and territory, by its two-letter postal code, for calling
 * hours in the patient's local time.
 *
 * An address holds a state, not a county, so a state that spans two zones takes the zone
 * most of its people live in; the ones that do are listed in SPLIT_STATES and a call to
 * them says the time was read in the main zone. Arizona keeps standard time all year
 * (America/Phoenix); the Navajo Nation's daylight time is not told apart.
 */
const ZONES: Readonly<Record<string, string>> = {
  AL: 'America/Chicago',
  AK: 'America/Anchorage',
  AZ: 'America/Phoenix',
  AR: 'America/Chicago',
  CA: 'America/Los_Angeles',
  CO: 'America/Denver',
  CT: 'America/New_York',
  DE: 'America/New_York',
  DC: 'America/New_York',
  FL: 'America/New_York',
  GA: 'America/New_York',
  HI: 'Pacific/Honolulu',
  ID: 'America/Boise',
  IL: 'America/Chicago',
  IN: 'America/Indiana/Indianapolis',
  IA: 'America/Chicago',
  KS: 'America/Chicago',
  KY: 'America/New_York',
  LA: 'America/Chicago',
  ME: 'America/New_York',
  MD: 'America/New_York',
  MA: 'America/New_York',
  MI: 'America/Detroit',
  MN: 'America/Chicago',
  MS: 'America/Chicago',
  MO: 'America/Chicago',
  MT: 'America/Denver',
  NE: 'America/Chicago',
  NV: 'America/Los_Angeles',
  NH: 'America/New_York',
  NJ: 'America/New_York',
  NM: 'America/Denver',
  NY: 'America/New_York',
  NC: 'America/New_York',
  ND: 'America/Chicago',
  OH: 'America/New_York',
  OK: 'America/Chicago',
  OR: 'America/Los_Angeles',
  PA: 'America/New_York',
  RI: 'America/New_York',
  SC: 'America/New_York',
  SD: 'America/Chicago',
  TN: 'America/Chicago',
  TX: 'America/Chicago',
  UT: 'America/Denver',
  VT: 'America/New_York',
  VA: 'America/New_York',
  WA: 'America/Los_Angeles',
  WV: 'America/New_York',
  WI: 'America/Chicago',
  WY: 'America/Denver',
  PR: 'America/Puerto_Rico',
  VI: 'America/St_Thomas',
  GU: 'Pacific/Guam',
  MP: 'Pacific/Saipan',
  AS: 'Pacific/Pago_Pago',
};

/** States with parts in another zone, and which part: the main zone is used for all of it. */
export const SPLIT_STATES: Readonly<Record<string, string>> = {
  AK: 'the western Aleutian Islands keep Hawaii-Aleutian time',
  FL: 'the western panhandle keeps Central time',
  ID: 'the northern panhandle keeps Pacific time',
  IN: 'the northwestern and southwestern counties keep Central time',
  KS: 'four western counties keep Mountain time',
  KY: 'the western half keeps Central time',
  MI: 'four Upper Peninsula counties keep Central time',
  NE: 'the western panhandle keeps Mountain time',
  ND: 'the southwestern counties keep Mountain time',
  OR: 'most of Malheur County keeps Mountain time',
  SD: 'the western half keeps Mountain time',
  TN: 'the eastern third keeps Eastern time',
  TX: 'El Paso and Hudspeth counties keep Mountain time',
};

export interface StateZone {
  zone: string;
  /** Set when the state spans zones: which part keeps another one. */
  otherPart: string | null;
}

/** The zone calls to an address in this state are timed in; null for a code not listed. */
export function stateTimeZone(state: string): StateZone | null {
  const code = state.trim().toUpperCase();
  const zone = ZONES[code];
  if (!zone) return null;
  return { zone, otherPart: SPLIT_STATES[code] ?? null };
}

export interface LocalTime {
  /** YYYY-MM-DD in the zone. */
  date: string;
  /** Minutes after local midnight. */
  minutes: number;
  /** As a person reads it: "7:42 PM CDT". */
  label: string;
}

/** The wall-clock time in a zone at an ISO-8601 instant. */
export function localTimeIn(zone: string, instant: string): LocalTime {
  const at = new Date(instant);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  const hour = Number(part('hour'));
  const minute = Number(part('minute'));
  const shown = `${((hour + 11) % 12) + 1}:${part('minute')} ${hour < 12 ? 'AM' : 'PM'}`;
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    minutes: hour * 60 + minute,
    label: `${shown} ${part('timeZoneName')}`,
  };
}

/** An hour of the day as a person reads it: 8 → "8:00 AM", 21 → "9:00 PM". */
export function hourLabel(hour: number): string {
  const h = ((hour % 24) + 24) % 24;
  return `${((h + 11) % 12) + 1}:00 ${h < 12 ? 'AM' : 'PM'}`;
}
