import { Badge, Group, Text } from '@mantine/core';
import type { TieOut } from '../../../shared/api/imports';

/** How a remittance's payment is made up, and whether its parts add up to it. */
export function TieOutLine({ tieOut, label }: { tieOut: TieOut; label: string }) {
  const ties = tieOut.difference === 0;
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start" role="status" aria-label={label}>
      <Badge color={ties ? 'teal' : 'red'} variant="light" style={{ flexShrink: 0 }}>
        {ties ? 'Ties out' : 'Does not tie out'}
      </Badge>
      <Text size="sm" className="tabular" c={ties ? undefined : 'red.8'}>
        {tieOut.line}
      </Text>
    </Group>
  );
}
