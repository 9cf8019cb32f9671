import { hash } from 'node:crypto';
import type { Claim837 } from './claim-types';

/*
 * What a claim says, as one hash: stored with every imported claim, so that a claim sent
 * again with the same content is recognised. The text hashed must never change, or every
 * stored fingerprint stops matching: claim-fingerprint.test.ts holds it to the plain
 * sorted-keys form it was first written in.
 */

/** Keys as JSON, kept: a claim file repeats the same few dozen keys on every claim. */
const keyJson = new Map<string, string>();

function jsonKey(key: string): string {
  let json = keyJson.get(key);
  if (json === undefined) {
    json = JSON.stringify(key);
    keyJson.set(key, json);
  }
  return json;
}

/**
 * An object's own keys in code-unit order with their values, leaving out those named and
 * those undefined; `valueOf` writes each value.
 */
function canonicalObject(
  o: object,
  leftOut: ReadonlySet<string> | null,
  valueOf: (key: string, value: unknown) => string,
): string {
  const record = o as Record<string, unknown>;
  // the default sort compares code units, as the first version's comparator did
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const value = record[key];
    if (value === undefined || leftOut?.has(key)) continue;
    out += `${first ? '' : ','}${jsonKey(key)}:${valueOf(key, value)}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * JSON with sorted keys, so the same content always serialises the same. Written out
 * rather than built from arrays of entries: it runs for every claim of a file.
 */
function canonical(value: unknown): string | undefined {
  // undefined for what JSON cannot hold (undefined, a function), as JSON.stringify says
  if (typeof value !== 'object' || value === null)
    return JSON.stringify(value) as string | undefined;
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      // as Array.join writes them: nothing for what JSON cannot hold
      out += `${i > 0 ? ',' : ''}${canonical(value[i] as unknown) ?? ''}`;
    }
    return `${out}]`;
  }
  return canonicalObject(value, null, canonicalValue);
}

/** A value inside an object; what JSON cannot hold is written as the first version's template did. */
function canonicalValue(_key: string, value: unknown): string {
  return String(canonical(value));
}

/** Where it sits in the file and how it was sent say nothing about what the claim is. */
const CLAIM_LEFT_OUT: ReadonlySet<string> = new Set([
  'position',
  'errors',
  'frequencyCode',
  'payerClaimNumber',
  // read after fingerprints were first stored: hashing them would change every claim's
  'providers',
]);
// line providers too were read after fingerprints were first stored
const LINE_LEFT_OUT: ReadonlySet<string> = new Set(['position', 'providers']);

const canonicalLine = (line: object) => canonicalObject(line, LINE_LEFT_OUT, canonicalValue);

function claimValue(key: string, value: unknown): string {
  if (key !== 'lines') return canonicalValue(key, value);
  return `[${(value as readonly object[]).map(canonicalLine).join(',')}]`;
}

/**
 * A hash of what the claim says: people, payer, provider, claim data and lines. Where it
 * sits in the file, the frequency code and the payer's claim number are left out: they
 * say how the claim was sent, not what it is, so a replacement that changes nothing is
 * recognised too.
 */
export function fingerprintOf(claim: Claim837): string {
  return hash('sha256', canonicalObject(claim, CLAIM_LEFT_OUT, claimValue), 'hex');
}
