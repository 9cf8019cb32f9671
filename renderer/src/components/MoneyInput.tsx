import { TextInput, type TextInputProps } from '@mantine/core';

/**
 * An amount typed as dollars and cents. The text is read exactly (parseMoney, see
 * money-input.ts), never as a float; shown right-aligned in tabular figures like every
 * other amount.
 */
export function MoneyInput(props: Omit<TextInputProps, 'leftSection' | 'styles' | 'className'>) {
  return (
    <TextInput
      {...props}
      leftSection="$"
      styles={{ input: { textAlign: 'right' } }}
      className="tabular"
    />
  );
}
