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
  /** Where patients mail payments (a lockbox), one line each; printed on the stub. */
  remitTo: string | null;
  /** Where patients pay online. */
  paymentUrl: string | null;
  /** The number patients call with billing questions; the main number when empty. */
  billingPhone: string | null;
  assistancePhone: string | null;
  /** The financial assistance policy and application online. */
  assistanceUrl: string | null;
  /** The plain-language summary of that policy online. */
  assistanceSummaryUrl: string | null;
  /** "Language assistance is available" in each language the community speaks, one a line. */
  languageTaglines: string | null;
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
  // left out by an older screen: kept as they are
  remitTo: optionalText('Remit-to address', 300)
    .refine(
      (v) => v === null || v.split('\n').filter((l) => l.trim() !== '').length <= 5,
      'The remit-to address fits five lines in the return envelope window.',
    )
    .optional(),
  paymentUrl: optionalText('Payment web address', 120).optional(),
  billingPhone: optionalText('Billing questions phone', 30).optional(),
  assistancePhone: optionalText('Financial assistance phone', 30).optional(),
  assistanceUrl: optionalText('Financial assistance web address', 120).optional(),
  assistanceSummaryUrl: optionalText('Plain-language summary address', 120).optional(),
  languageTaglines: optionalText('Language-assistance taglines', 2000).optional(),
});

/** A facility accounts are billed under; the default (id 1) is the letterhead's facility. */
export interface FacilityOption {
  id: number;
  name: string;
  npi: string | null;
}

export const saveBillingFacilityInput = z.strictObject({
  /** The facility to rename or renumber; null to add one. */
  facilityId: z.number().int().positive().nullable(),
  name: requiredText('Facility name', 120),
  npi: optionalText('NPI', 10).refine(
    (v) => v === null || isValidNpi(v),
    'NPI must be the ten-digit National Provider Identifier (its last digit did not check).',
  ),
});

export const facilityMethods = {
  getFacility: read<FacilityView>()(none),
  /** The facilities accounts are billed under, the default first; reports filter by them. */
  listFacilities: read<{ facilities: FacilityOption[] }>()(none),
  saveFacility: write<FacilityView>()(saveFacilityInput, supervisor('change the facility details')),
  /** Adds a facility accounts are billed under, or changes one's name or NPI. */
  saveBillingFacility: write<{ facilities: FacilityOption[] }>()(
    saveBillingFacilityInput,
    supervisor('change the facilities accounts are billed under'),
  ),
} satisfies MethodGroup;
