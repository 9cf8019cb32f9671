import { Alert, Button, Group, List } from '@mantine/core';
import { ApiError } from '../../../shared/api/errors';

/** The warnings a call was refused with until confirmed (calling hours, attempts, a dispute). */
export function contactWarnings(error: unknown): string[] {
  if (!(error instanceof ApiError) || !error.details) return [];
  return error.details.filter((d) => d.path === 'confirmContactWarnings').map((d) => d.message);
}

/** Says why the call needs a second look and asks before logging it anyway. */
export function CallWarning(props: {
  warnings: string[];
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Alert color="orange" title="Check before logging this call" role="alert">
      <List size="sm" spacing={2}>
        {props.warnings.map((w) => (
          <List.Item key={w}>{w}</List.Item>
        ))}
      </List>
      <Group gap="xs" mt="xs">
        <Button size="xs" color="orange" loading={props.pending} onClick={props.onConfirm}>
          Log the call anyway
        </Button>
        <Button size="xs" variant="default" onClick={props.onCancel}>
          Do not log
        </Button>
      </Group>
    </Alert>
  );
}
