/**
 * Revenue code categories (NUBC, UB-04 form locator 42) in words, by the first three
 * digits of the four-digit code. These are the category headings the CMS claims
 * processing manuals print, worded briefly for a letter's service-line table; the
 * detailed subcategory wording is NUBC's and is not shipped.
 *
 * CPT procedure descriptions are the AMA's copyright and are NOT shipped: a line is
 * described by its revenue code category only, and its CPT code is printed as a code.
 * HCPCS Level II descriptions (public, CMS) are thousands of codes and are left out
 * for size.
 */
const CATEGORIES: Readonly<Record<string, string>> = {
  '010': 'Room & board, all-inclusive',
  '011': 'Room & board, private',
  '012': 'Room & board, semi-private',
  '013': 'Room & board, three and four beds',
  '014': 'Room & board, deluxe private',
  '015': 'Room & board, ward',
  '016': 'Room & board, other',
  '017': 'Nursery',
  '018': 'Leave of absence',
  '019': 'Subacute care',
  '020': 'Intensive care',
  '021': 'Coronary care',
  '022': 'Special charges',
  '023': 'Incremental nursing care',
  '024': 'All-inclusive ancillary',
  '025': 'Pharmacy',
  '026': 'IV therapy',
  '027': 'Medical/surgical supplies',
  '028': 'Oncology',
  '029': 'Durable medical equipment',
  '030': 'Laboratory',
  '031': 'Laboratory, pathology',
  '032': 'Radiology, diagnostic',
  '033': 'Radiology, therapeutic',
  '034': 'Nuclear medicine',
  '035': 'CT scan',
  '036': 'Operating room services',
  '037': 'Anesthesia',
  '038': 'Blood and blood components',
  '039': 'Blood storage and processing',
  '040': 'Other imaging services',
  '041': 'Respiratory services',
  '042': 'Physical therapy',
  '043': 'Occupational therapy',
  '044': 'Speech therapy',
  '045': 'Emergency room',
  '046': 'Pulmonary function',
  '047': 'Audiology',
  '048': 'Cardiology',
  '049': 'Ambulatory surgical care',
  '051': 'Clinic',
  '052': 'Freestanding clinic',
  '054': 'Ambulance',
  '055': 'Skilled nursing',
  '061': 'MRI/MRA',
  '062': 'Medical/surgical supplies, extension',
  '063': 'Pharmacy, extension',
  '064': 'Home IV therapy',
  '070': 'Cast room',
  '071': 'Recovery room',
  '072': 'Labor room/delivery',
  '073': 'EKG/ECG',
  '074': 'EEG',
  '075': 'Gastrointestinal services',
  '076': 'Treatment or observation room',
  '079': 'Lithotripsy',
  '080': 'Inpatient renal dialysis',
  '081': 'Organ acquisition',
  '082': 'Hemodialysis, outpatient',
  '090': 'Behavioral health treatment',
  '091': 'Behavioral health services',
  '092': 'Other diagnostic services',
  '093': 'Medical rehabilitation day program',
  '094': 'Other therapeutic services',
  '096': 'Professional fees',
  '097': 'Professional fees',
  '098': 'Professional fees',
};

/** The category of a revenue code in words, or null when the table does not name it. */
export function revenueCodeCategory(code: string | null | undefined): string | null {
  if (!code || !/^\d{3,4}$/.test(code)) return null;
  return CATEGORIES[code.padStart(4, '0').slice(0, 3)] ?? null;
}
