import { Text } from '@mantine/core';
import { fieldErrors, messageOf } from '../app/query';

/** A failed save's message, when it is not already shown under the fields it concerns. */
export function FormError({ error }: { error: unknown }) {
  if (!error || Object.keys(fieldErrors(error)).length > 0) return null;
  return (
    <Text size="sm" c="red" role="alert">
      {messageOf(error)}
    </Text>
  );
}
