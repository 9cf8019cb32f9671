import { formatUsDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';

// The generated notes quote amounts and dates the way a representative writes them.
export const money = (amount: number) => formatCents(cents(amount));
export const us = formatUsDate;
