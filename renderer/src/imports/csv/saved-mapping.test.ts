import { describe, expect, it } from 'vitest';
import type { CsvMapping } from '../../../../shared/api/csv';
import type { CsvColumns } from '../../../../shared/csv/account-fields';
import { bestMapping, sameColumns } from './saved-mapping';

/** What every mapping needs: the account, its date, the patient's name and a balance. */
const REQUIRED: CsvColumns = {
  accountNumber: 'Acct',
  serviceDate: 'DOS',
  patientLastName: 'Last',
  patientFirstName: 'First',
  patientBalance: 'Pt Bal',
};
const HEADERS = ['Acct', 'DOS', 'Last', 'First', 'Pt Bal', 'DOB', 'Phone'];

const mapping = (id: number, columns: CsvColumns): CsvMapping => ({
  id,
  name: `Mapping ${id}`,
  columns,
  updatedAt: '2026-03-07T12:00:00.000Z',
  updatedBy: 'supervisor',
});

describe('sameColumns', () => {
  it('compares which field reads which column, in any order', () => {
    expect(sameColumns({ city: 'City', zip: 'Zip' }, { zip: 'Zip', city: 'City' })).toBe(true);
    expect(sameColumns({ city: 'City' }, { city: 'Town' })).toBe(false);
    expect(sameColumns({ city: 'City' }, { city: 'City', zip: 'Zip' })).toBe(false);
    expect(sameColumns({}, {})).toBe(true);
  });
});

describe('bestMapping', () => {
  it('has nothing to offer with no saved mappings', () => {
    expect(bestMapping([], HEADERS)).toBeUndefined();
  });

  it('takes the mapping that uses the most of the file', () => {
    const plain = mapping(1, REQUIRED);
    const fuller = mapping(2, { ...REQUIRED, dateOfBirth: 'DOB', phone: 'Phone' });
    expect(bestMapping([plain, fuller], HEADERS)).toBe(fuller);
  });

  it('passes over a mapping that names a column the file does not have', () => {
    const plain = mapping(1, REQUIRED);
    const otherFile = mapping(2, { ...REQUIRED, dateOfBirth: 'Birth date', phone: 'Phone' });
    expect(bestMapping([otherFile, plain], HEADERS)).toBe(plain);
  });

  it('passes over a mapping that would leave a required field unread', () => {
    const { patientFirstName: _first, ...noFirstName } = REQUIRED;
    expect(bestMapping([mapping(1, noFirstName)], HEADERS)).toBeUndefined();
  });

  it('passes over a mapping when the file has its column twice', () => {
    expect(bestMapping([mapping(1, REQUIRED)], [...HEADERS, 'Last'])).toBeUndefined();
  });

  it('keeps the order they were saved in between equally good mappings', () => {
    const first = mapping(1, REQUIRED);
    const second = mapping(2, { ...REQUIRED });
    expect(bestMapping([first, second], HEADERS)).toBe(first);
  });

  it('leaves the list it was given as it was', () => {
    const list = [mapping(1, REQUIRED), mapping(2, { ...REQUIRED, phone: 'Phone' })];
    const before = [...list];
    bestMapping(list, HEADERS);
    expect(list).toEqual(before);
  });
});
