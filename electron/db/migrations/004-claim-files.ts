/** Migration 4: claims as X12 837 claim files describe them. Filled in with the 837 import. */
export const migration004 = ``;
