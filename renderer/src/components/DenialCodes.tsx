import { Badge, Group } from '@mantine/core';
import type { DenialView } from '../../../shared/api/denials';

/** A denial's reason and remark codes; each says what it means on hover (a native title). */
export function DenialCodes({ codes }: { codes: DenialView['codes'] }) {
  if (codes.length === 0) return null;
  return (
    <Group gap={4} wrap="nowrap">
      {codes.map((c) => (
        <Badge
          key={c.code}
          size="sm"
          variant="light"
          color={/^[A-Z]{2}-/.test(c.code) ? 'red' : 'gray'}
          tt="none"
          title={`${c.code}: ${c.description}`}
        >
          {c.code}
        </Badge>
      ))}
    </Group>
  );
}
