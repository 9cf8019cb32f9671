import { Text, type TextProps } from '@mantine/core';
import { cents, type Cents } from '../../../shared/money/cents';
import { formatCents } from '../../../shared/money/format';

/**
 * A balance as billing staff read it: a credit (money the hospital owes back) is the
 * amount followed by "CR", in green, rather than a minus sign that is easy to miss.
 */
export function BalanceAmount({ value, ...props }: { value: Cents; title?: string } & TextProps) {
  if (value >= 0)
    return (
      <Text component="span" className="tabular" ta="right" {...props}>
        {formatCents(value)}
      </Text>
    );
  const credit = formatCents(cents(-value));
  return (
    <Text
      component="span"
      className="tabular"
      ta="right"
      title={`Credit balance of ${credit}`}
      {...props}
      c="green.8"
    >
      {credit} CR
    </Text>
  );
}
