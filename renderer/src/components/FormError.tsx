import { Text } from '@mantine/core';
import { fieldErrors, messageOf } from '../app/query';

/**
 * A failed save's message, when it is not already shown under the fields it concerns.
 * `fields` names the inputs the form shows errors under; an error about anything else
 * (a date the form fills in itself, say) is shown here. Without it, any field error
 * counts as shown.
 */
export function FormError({ error, fields }: { error: unknown; fields?: readonly string[] }) {
  if (!error) return null;
  const paths = Object.keys(fieldErrors(error));
  const shown = fields
    ? paths.length > 0 && paths.every((p) => fields.includes(p))
    : paths.length > 0;
  if (shown) return null;
  return (
    <Text size="sm" c="red" role="alert">
      {messageOf(error)}
    </Text>
  );
}
