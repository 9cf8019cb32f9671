import { Group, Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled card on the account view. */
export function Section(props: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  id?: string;
}) {
  return (
    <Paper withBorder p="sm" radius="sm" component="section" aria-labelledby={props.id}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={3} size="h6" id={props.id}>
          {props.title}
        </Title>
        {props.actions}
      </Group>
      {props.children}
    </Paper>
  );
}
