import { z } from 'zod';
import { isValidNpi } from '../codes/npi';
import { none, optionalText, requiredText, usStateField, zipField } from './fields';
import { read, supervisor, write, type MethodGroup } from './method';

/** The facility as letters and statements print it. */
export interface FacilityView {
  /** False until someone has set the facility up. */
  configured: boolean;
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  state: string;
  zip: string;
  phone: string | null;
  fax: string | null;
  npi: string | null;
  taxId: string | null;
  web: string | null;
  billingOfficeHours: string | null;
  /** Whether this user may change it (supervisors only). */
  canChange: boolean;
}

export const saveFacilityInput = z.strictObject({
  name: requiredText('Facility name', 120),
  line1: requiredText('Street address', 100),
  line2: optionalText('Address line 2', 100),
  city: requiredText('City', 60),
  state: usStateField(),
  zip: zipField(),
  phone: optionalText('Telephone', 30),
  fax: optionalText('Fax', 30),
  npi: optionalText('NPI', 10).refine(
    (v) => v === null || isValidNpi(v),
    'NPI must be the ten-digit National Provider Identifier (its last digit did not check).',
  ),
  taxId: optionalText('Tax ID', 10).refine(
    (v) => v === null || /^\d{2}-\d{7}$/.test(v),
    'Tax ID must be the employer identification number, e.g. 36-4718293.',
  ),
  web: optionalText('Website', 120),
  billingOfficeHours: optionalText('Office hours', 120),
});

export const facilityMethods = {
  getFacility: read<FacilityView>()(none),
  saveFacility: write<FacilityView>()(saveFacilityInput, supervisor('change the facility details')),
} satisfies MethodGroup;
