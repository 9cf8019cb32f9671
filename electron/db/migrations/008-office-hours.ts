/**
 * Migration 8: the billing office's telephone hours, printed on statements and patient
 * letters ("Call us Monday to Friday, 8 a.m. to 5 p.m."). Empty until someone sets them;
 * an empty value prints as the template's visible placeholder and is warned about.
 */
export const migration008 = `
ALTER TABLE facility ADD COLUMN billing_office_hours TEXT;
`;
