import { Alert, List } from '@mantine/core';

/** What a document prints without data (placeholders left as [LABEL]) and other cautions. */
export function DocumentWarnings({
  warnings,
  title = 'Check before sending',
}: {
  warnings: readonly string[];
  title?: string;
}) {
  if (warnings.length === 0) return null;
  return (
    <Alert color="yellow" title={title} role="status" p="xs">
      <List size="sm" spacing={2}>
        {warnings.map((w) => (
          <List.Item key={w}>{w}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
