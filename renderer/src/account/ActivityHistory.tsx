import { Badge, Group, ScrollArea, Stack, Text } from '@mantine/core';
import type { ActivityView } from '../../../shared/api/accounts';
import { ACTIVITY_KIND, CALL_OUTCOME, DIRECTION, PARTY } from '../../../shared/codes/enums';
import { Section } from '../components/Section';
import { Timestamp } from '../components/UsDate';

const KIND_COLOR: Record<ActivityView['kind'], string> = {
  note: 'gray',
  call: 'blue',
  letter: 'violet',
  visit: 'teal',
  system: 'dark',
};

export function ActivityHistory({ activities }: { activities: ActivityView[] }) {
  return (
    <Section title="History" id="history-title">
      {activities.length === 0 ? (
        <Text size="sm" c="dimmed">
          No notes or contacts yet.
        </Text>
      ) : (
        <ScrollArea.Autosize mah={520}>
          <Stack
            gap="sm"
            component="ol"
            style={{ listStyle: 'none', padding: 0, margin: 0 }}
            aria-label="Account history"
          >
            {activities.map((a) => (
              <li key={a.id}>
                <Group gap={6} wrap="nowrap">
                  <Badge size="xs" variant="light" color={KIND_COLOR[a.kind]}>
                    {ACTIVITY_KIND.labels[a.kind]}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    <Timestamp value={a.occurredAt} /> · {a.userName}
                  </Text>
                </Group>
                {a.kind === 'call' && (
                  <Text size="xs" fw={600} mt={2}>
                    {a.direction ? DIRECTION.labels[a.direction] : ''} call with{' '}
                    {a.party ? PARTY.labels[a.party].toLowerCase() : 'unknown'}
                    {a.outcome ? ` — ${CALL_OUTCOME.labels[a.outcome]}` : ''}
                    {a.callTime?.localTime ? ` · their time ${a.callTime.localTime}` : ''}
                  </Text>
                )}
                {a.callTime && a.callTime.warnings.length > 0 && (
                  <Text size="xs" c="orange.9">
                    Logged despite: {a.callTime.warnings.join(' ')}
                  </Text>
                )}
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {a.text}
                </Text>
              </li>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      )}
    </Section>
  );
}
