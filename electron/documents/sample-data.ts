import { isoDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import type { LetterData } from './letter-data';
import type { StatementData } from './statement-data';

/**
 * Fictional data for the template editor's live preview and for tests. Names, numbers
 * and addresses are invented; the 555-01xx telephone numbers and example.org addresses
 * are reserved for fiction.
 */
export function sampleLetterData(): LetterData {
  return {
    fields: {
      facility_name: 'Riverbend Regional Medical Center',
      facility_address: '1200 Harbor View Drive\nRiverbend, OH 45999',
      facility_phone: '(555) 010-2000',
      facility_fax: '(555) 010-2001',
      facility_npi: '1234567893',
      facility_tax_id: '31-0000000',
      facility_website: 'www.riverbend-medical.example.org',
      billing_office_phone: '(555) 010-2100',
      billing_office_hours: 'Monday to Friday, 8:00 a.m. to 5:00 p.m.',
      payment_url: 'pay.riverbend-medical.example.org',
      remit_address: 'Riverbend Regional Medical Center\nPO Box 4400\nRiverbend, OH 45998',
      financial_assistance_phone: '(555) 010-2150',
      financial_assistance_url: 'www.riverbend-medical.example.org/assistance',
      financial_assistance_eligibility:
        'households with income at or below 400% of the Federal Poverty Guidelines',

      payer_name: 'Lakeshore Health Plan',
      payer_appeals_address: 'PO Box 7700\nColumbus, OH 43299',
      payer_claims_address: 'PO Box 7710\nColumbus, OH 43299',
      payer_appeals_fax: '(555) 010-3300',
      primary_payer_name: 'Summit Mutual Insurance',

      patient_name: 'Eleanor M. Testwell',
      date_of_birth: isoDate('1958-04-17'),
      member_id: 'LHP884512307',
      group_number: 'GRP-20931',
      medicare_number: '1EG4-TE5-MK72',
      date_of_death: isoDate('2026-01-22'),

      account_number: 'A100482',
      claim_number: 'C100482-01',
      payer_claim_number: '2026031800457',
      dates_of_service: { from: isoDate('2026-02-09'), to: isoDate('2026-02-11') },
      diagnosis_codes: 'I21.4, I10, E11.9',
      service_description: 'Inpatient admission for non-ST-elevation myocardial infarction',
      billed_amount: cents(1_845_000),
      paid_amount: cents(0),
      denied_amount: cents(1_845_000),
      expected_amount: cents(1_212_350),
      underpaid_amount: cents(312_350),
      remittance_date: isoDate('2026-03-18'),
      appeal_deadline: isoDate('2026-09-14'),

      clinical_summary:
        'The patient presented to the emergency department with substernal chest pain radiating to the left arm, diaphoresis and a troponin I of 2.8 ng/mL rising to 6.1 ng/mL. She was admitted to telemetry, started on a heparin infusion and underwent cardiac catheterization on hospital day two.',
      authorization_number: 'AUTH-55120934',
      authorization_date: isoDate('2026-02-09'),
      original_submission_date: isoDate('2026-02-20'),
      submission_proof:
        'clearinghouse acceptance report (277CA) batch 88410213, accepted 02/20/2026',
      other_coverage_status: 'Summit Mutual coverage terminated on 12/31/2025',
      eligibility_verification_date: isoDate('2026-02-09'),
      eligibility_reference: 'ELG-7781-2026',
      contract_name: 'Lakeshore Health Plan Hospital Services Agreement, effective 01/01/2025',
      first_appeal_date: isoDate('2026-04-02'),
      first_appeal_decision_date: isoDate('2026-05-06'),
      first_appeal_reference: 'APL-2026-118274',
      initial_determination_date: isoDate('2026-03-18'),
      disagreement_reason:
        'The services were medically reasonable and necessary. The medical record documents the symptoms, test results and physician orders that meet the coverage criteria.',
      requester_relationship: 'Provider of the services',
      correction_description:
        'The original claim omitted modifier 25 on the evaluation and management service. The corrected claim adds the modifier; no other data changed.',

      representative_name: 'Jordan Avery',
      representative_title: 'Patient Account Representative',
      representative_phone: '(555) 010-2144',
      representative_email: 'javery@riverbend-medical.example.org',

      guarantor_name: 'Eleanor M. Testwell',
      guarantor_address: '48 Maple Hollow Lane\nApt 3B\nRiverbend, OH 45997',
      balance_due: cents(48_275),
      due_date: isoDate('2026-04-10'),
      statement_date: isoDate('2026-01-15'),
      days_past_due: '65',
      last_payment_date: isoDate('2026-02-02'),
      last_payment_amount: cents(5_000),
      final_action_date: isoDate('2026-04-30'),
      plan_total: cents(48_275),
      plan_down_payment: cents(5_000),
      plan_monthly_amount: cents(7_213),
      plan_installments: '6',
      plan_first_payment_date: isoDate('2026-04-15'),
      plan_day_of_month: '15th',
      estate_contact_name: 'Personal Representative of the Estate of Eleanor M. Testwell',
      returned_mail_date: isoDate('2026-03-02'),
      reply_by_date: isoDate('2026-04-10'),
    },
    serviceLines: [
      {
        date: isoDate('2026-02-09'),
        code: '0120',
        description: 'Room and board, semi-private (revenue code)',
        units: 2,
        billed: cents(640_000),
        paid: cents(0),
        denied: cents(640_000),
      },
      {
        date: isoDate('2026-02-10'),
        code: '93458',
        modifiers: ['26'],
        description: 'Left heart catheterization with coronary angiography',
        units: 1,
        billed: cents(985_000),
        paid: cents(0),
        denied: cents(985_000),
      },
      {
        date: isoDate('2026-02-09'),
        code: '84484',
        description: 'Troponin, quantitative',
        units: 2,
        billed: cents(220_000),
        paid: cents(0),
        denied: cents(220_000),
      },
    ],
    denialCodes: [
      { group: 'CO', code: '50', kind: 'reason', amount: cents(1_845_000) },
      { code: 'N115', kind: 'remark' },
    ],
    enclosures: [
      'Remittance advice dated 03/18/2026',
      'History and physical, progress notes and discharge summary',
      'Cardiac catheterization report',
      'Laboratory results (troponin series)',
    ],
  };
}

export function sampleStatementData(): StatementData {
  return {
    statementDate: isoDate('2026-03-20'),
    dueDate: isoDate('2026-04-10'),
    accountNumber: 'A100482',
    daysPastDue: 0,
    facility: {
      name: 'Riverbend Regional Medical Center',
      addressLines: ['1200 Harbor View Drive', 'Riverbend, OH 45999'],
      phone: '(555) 010-2000',
      website: 'www.riverbend-medical.example.org',
    },
    billingOffice: {
      phone: '(555) 010-2100',
      hours: 'Monday to Friday, 8:00 a.m. to 5:00 p.m.',
      paymentUrl: 'pay.riverbend-medical.example.org',
      remitTo: ['Riverbend Regional Medical Center', 'PO Box 4400', 'Riverbend, OH 45998'],
    },
    financialAssistance: {
      phone: '(555) 010-2150',
      url: 'www.riverbend-medical.example.org/assistance',
      eligibility: 'households with income at or below 400% of the Federal Poverty Guidelines',
      summaryUrl: 'www.riverbend-medical.example.org/assistance/summary',
    },
    languageTaglines: [
      'ATTENTION: Language assistance services, free of charge, are available to you. Call (555) 010-2100.',
      'ATENCIÓN: si habla español, tiene a su disposición servicios gratuitos de asistencia lingüística. Llame al (555) 010-2100.',
    ],
    guarantor: {
      name: 'Eleanor M. Testwell',
      addressLines: ['48 Maple Hollow Lane', 'Apt 3B', 'Riverbend, OH 45997'],
    },
    stage: 'statement',
    insuranceProcessed: true,
    summary: {
      previousBalance: cents(12_500),
      newCharges: cents(0),
      afterInsurance: cents(35_775),
      payments: cents(0),
      adjustments: cents(0),
      insurancePending: cents(54_500),
      amountDue: cents(48_275),
    },
    aging: {
      current: cents(35_775),
      days31to60: cents(0),
      days61to90: cents(12_500),
      days91to120: cents(0),
      over120: cents(0),
    },
    lines: [
      {
        date: isoDate('2026-01-06'),
        patientName: 'Eleanor M. Testwell',
        description: 'Office visit, established patient',
        charges: cents(18_500),
        insurancePaid: cents(0),
        adjustments: cents(0),
        patientPaid: cents(6_000),
        share: {
          deductible: cents(0),
          coinsurance: cents(0),
          copay: cents(0),
          notCovered: cents(0),
        },
        youOwe: cents(12_500),
        note: 'Balance carried from your previous statement.',
      },
      {
        date: isoDate('2026-02-24'),
        patientName: 'Eleanor M. Testwell',
        description: 'Emergency department visit, level 4',
        charges: cents(425_000),
        insurancePaid: cents(263_225),
        adjustments: cents(141_000),
        patientPaid: cents(0),
        share: {
          deductible: cents(0),
          coinsurance: cents(0),
          copay: cents(20_775),
          notCovered: cents(0),
        },
        youOwe: cents(20_775),
        payerName: 'Lakeshore Health Plan',
      },
      {
        date: isoDate('2026-02-24'),
        patientName: 'Eleanor M. Testwell',
        description: 'CT scan, head, without contrast',
        charges: cents(650_000),
        insurancePaid: cents(535_000),
        adjustments: cents(100_000),
        patientPaid: cents(0),
        share: {
          deductible: cents(10_000),
          coinsurance: cents(5_000),
          copay: cents(0),
          notCovered: cents(0),
        },
        youOwe: cents(15_000),
        payerName: 'Lakeshore Health Plan',
      },
      {
        date: isoDate('2026-03-03'),
        patientName: 'Eleanor M. Testwell',
        description: 'Physical therapy evaluation',
        charges: cents(54_500),
        insurancePaid: cents(0),
        adjustments: cents(0),
        patientPaid: cents(0),
        share: {
          deductible: cents(0),
          coinsurance: cents(0),
          copay: cents(0),
          notCovered: cents(0),
        },
        youOwe: cents(0),
        insurancePending: cents(54_500),
        payerName: 'Lakeshore Health Plan',
      },
    ],
  };
}
