import { describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES } from '../../shared/api/contract';
import { AUDIT_RULES } from './records';

describe('what the audit trail keeps of each method', () => {
  it('is decided for every method of the contract, and for nothing else', () => {
    expect(Object.keys(AUDIT_RULES).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('records every write, whatever its rule says about reads', () => {
    const unrecorded = METHOD_NAMES.filter(
      (m) => contract[m].access !== 'read' && AUDIT_RULES[m] === 'not patient data',
    );
    expect(unrecorded).toEqual([]);
  });
});
