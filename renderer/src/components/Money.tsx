import { Text, type TextProps } from '@mantine/core';
import type { Cents } from '../../../shared/money/cents';
import { formatCents } from '../../../shared/money/format';

/** An amount, right-aligned in tabular figures; credits (negative) in green. */
export function Money({ value, ...props }: { value: Cents; title?: string } & TextProps) {
  return (
    <Text
      component="span"
      className="tabular"
      ta="right"
      c={value < 0 ? 'green.8' : undefined}
      {...props}
    >
      {formatCents(value)}
    </Text>
  );
}
