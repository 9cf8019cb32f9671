import { Badge, Group, Stack, Text } from '@mantine/core';
import type { PromiseView } from '../../../shared/api/plans';
import { PROMISE_KIND, PROMISE_STATUS } from '../../../shared/codes/enums';
import { Money } from '../components/Money';
import { Section } from '../components/Section';
import { UsDate } from '../components/UsDate';

const COLOR: Record<PromiseView['status'], string> = {
  open: 'blue',
  kept: 'green',
  broken: 'red',
  cancelled: 'gray',
};

/** Promises to pay and credit extensions, the open one first, with how much came in since. */
export function PromisesCard({ promises }: { promises: PromiseView[] }) {
  return (
    <Section title="Promises" id="promises-title">
      {promises.length === 0 ? (
        <Text size="sm" c="dimmed">
          No promises to pay recorded.
        </Text>
      ) : (
        <Stack
          gap={6}
          component="ul"
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
          aria-label="Promises"
        >
          {promises.map((p) => (
            <li key={p.id}>
              <Group gap={6} wrap="nowrap">
                <Badge size="xs" variant="light" color={COLOR[p.status]}>
                  {PROMISE_STATUS.labels[p.status]}
                </Badge>
                <Text size="sm">
                  {PROMISE_KIND.labels[p.kind]}: <Money value={p.amount} size="sm" fw={600} /> by{' '}
                  <UsDate value={p.dueDate} />
                </Text>
              </Group>
              <Text size="xs" c="dimmed">
                Paid since <Money value={p.paidSince} size="xs" /> · {p.createdBy}
                {p.note ? ` · ${p.note}` : ''}
              </Text>
            </li>
          ))}
        </Stack>
      )}
    </Section>
  );
}
