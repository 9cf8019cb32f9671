import { Badge, type BadgeProps } from '@mantine/core';
import type { Priority } from '../../../shared/api/queue';

const COLOR: Record<Priority, string> = { high: 'red', medium: 'yellow', low: 'gray' };

export function PriorityBadge({ priority, ...props }: { priority: Priority } & BadgeProps) {
  return (
    <Badge variant="light" color={COLOR[priority]} {...props}>
      {priority}
    </Badge>
  );
}
