/**
 * HHS poverty guidelines, kept as dated data: every figure shown to staff says which
 * year's table it came from, and a new year is a new table rather than an edit.
 */
import { cents, type Cents } from '../money/cents';

export type GuidelineRegion = 'contiguous' | 'alaska' | 'hawaii';

export interface GuidelineAmounts {
  /** Guideline for a household of one. */
  firstPerson: Cents;
  /** Added for each person beyond the first (HHS publishes 1–8 and a per-person add-on; the steps are equal). */
  eachAdditional: Cents;
}

export interface PovertyGuidelineTable {
  year: number;
  source: string;
  regions: Readonly<Record<GuidelineRegion, GuidelineAmounts>>;
}

/**
 * 2025 HHS poverty guidelines, annual amounts. Source: HHS, "Annual Update of the HHS
 * Poverty Guidelines", Federal Register, January 17, 2025 (FR Doc. 2025-01377), also
 * published by the Office of the Assistant Secretary for Planning and Evaluation (ASPE).
 *
 * 2026 guidelines were published (Federal Register, January 15, 2026, FR Doc. 2026-00755)
 * but their full Alaska and Hawaii tables could not be confirmed when this was written,
 * so the 2025 table stays current until all three regions are checked.
 */
export const POVERTY_GUIDELINES_2025: PovertyGuidelineTable = {
  year: 2025,
  source:
    'HHS, Annual Update of the HHS Poverty Guidelines, Federal Register, January 17, 2025 (FR Doc. 2025-01377)',
  regions: {
    contiguous: { firstPerson: cents(15_650_00), eachAdditional: cents(5_500_00) },
    alaska: { firstPerson: cents(19_550_00), eachAdditional: cents(6_880_00) },
    hawaii: { firstPerson: cents(17_990_00), eachAdditional: cents(6_330_00) },
  },
};

export const CURRENT_POVERTY_GUIDELINES: PovertyGuidelineTable = POVERTY_GUIDELINES_2025;

export const REGION_NAMES: Readonly<Record<GuidelineRegion, string>> = {
  contiguous: 'the 48 contiguous states and DC',
  alaska: 'Alaska',
  hawaii: 'Hawaii',
};

export const MAX_HOUSEHOLD_SIZE = 20;

/** The annual guideline for a household of `householdSize` people, in cents. */
export function povertyGuideline(
  region: GuidelineRegion,
  householdSize: number,
  table: PovertyGuidelineTable = CURRENT_POVERTY_GUIDELINES,
): Cents {
  if (!Number.isInteger(householdSize) || householdSize < 1) {
    throw new RangeError(`Household size must be a whole number, 1 or more: ${householdSize}`);
  }
  const amounts = table.regions[region];
  return cents(amounts.firstPerson + amounts.eachAdditional * (householdSize - 1));
}
