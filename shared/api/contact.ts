import { z } from 'zod';
import { labelled } from '../codes/enums';
import type { IsoDate } from '../dates/iso-date';
import { accountIdField, id, isoDateField, optionalText, requiredText } from './fields';
import { read, supervisor, write, type MethodGroup } from './method';

/** Contact rules: calling hours and attempts in the patient's zone, and contact restrictions. */

export const CONTACT_RESTRICTION = labelled([
  ['cease_contact', 'Request to stop contact'],
  ['written_dispute', 'Dispute in writing'],
  ['attorney', 'Represented by an attorney'],
  ['bankruptcy', 'Bankruptcy filed'],
] as const);
export type ContactRestrictionKind = (typeof CONTACT_RESTRICTION.keys)[number];

export interface ContactRestrictionView {
  id: number;
  kind: ContactRestrictionKind;
  /** The account it was recorded on; a dispute covers only that one. */
  accountId: number;
  accountNumber: string;
  personName: string;
  effectiveDate: IsoDate;
  note: string | null;
  attorney: { name: string; phone: string | null; address: string | null } | null;
  recordedAt: string;
  recordedBy: string;
  lifted: { at: string; by: string; reason: string } | null;
  /** What it stops, in words: calls, letters and statements... */
  effect: string;
}

export interface CallingTime {
  /** The person whose address gave the zone. */
  personName: string;
  state: string;
  zone: string;
  /** "7:42 PM CDT" */
  localTime: string;
  /** Set when the state spans zones: which part keeps another time. */
  otherPart: string | null;
  withinHours: boolean;
}

export interface ContactRules {
  /** Active restrictions first, then the lifted ones, newest first. */
  restrictions: ContactRestrictionView[];
  /** The patient's local time now; null when no address names a zone. */
  patientTime: CallingTime | null;
  guarantorTime: CallingTime | null;
  hours: { start: number; end: number };
  /** Outbound calls to the patient or guarantor about this account in the last seven days. */
  callsInSevenDays: number;
  weeklyLimit: number;
  /** Whether this user may lift a restriction (supervisors only). */
  canLift: boolean;
}

export const getContactRulesInput = z.strictObject({ accountId: accountIdField() });

export const recordContactRestrictionInput = z
  .strictObject({
    accountId: accountIdField(),
    kind: z.enum(CONTACT_RESTRICTION.keys, 'Choose what restricts contact.'),
    effectiveDate: isoDateField('Date received or filed'),
    note: optionalText('Note', 1000),
    attorneyName: optionalText("Attorney's name", 200),
    attorneyPhone: optionalText("Attorney's phone", 40),
    attorneyAddress: optionalText("Attorney's address", 400),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'attorney' && v.attorneyName === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['attorneyName'],
        message: "An attorney's representation needs the attorney's name.",
      });
    }
  });

export const liftContactRestrictionInput = z.strictObject({
  restrictionId: id('Restriction'),
  reason: requiredText('Reason', 500),
});

export const contactMethods = {
  getContactRules: read<ContactRules>()(getContactRulesInput),
  recordContactRestriction: write<ContactRules>()(recordContactRestrictionInput),
  liftContactRestriction: write<ContactRules>()(
    liftContactRestrictionInput,
    supervisor('lift a contact restriction'),
  ),
} satisfies MethodGroup;
