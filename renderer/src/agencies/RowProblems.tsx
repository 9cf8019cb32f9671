import { Alert, List, Text } from '@mantine/core';
import { ApiError } from '../../../shared/api/errors';
import { messageOf } from '../app/query';

/** A refused file or choice: what was refused, and each row's problem, nothing written. */
export function RowProblems({ error, title }: { error: unknown; title: string }) {
  if (!error) return null;
  const details = error instanceof ApiError ? (error.details ?? []) : [];
  const shown = details.slice(0, 200);
  return (
    <Alert color="red" title={title} role="alert">
      <Text size="sm">{messageOf(error)}</Text>
      {shown.length > 0 && (
        <List size="sm" mt={4} aria-label="Problems">
          {shown.map((d, i) => (
            <List.Item key={i}>{d.message}</List.Item>
          ))}
        </List>
      )}
      {details.length > shown.length && (
        <Text size="xs" c="dimmed" mt={4}>
          And {details.length - shown.length} more.
        </Text>
      )}
    </Alert>
  );
}
