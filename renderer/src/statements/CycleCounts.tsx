import { Badge, Group, Text } from '@mantine/core';
import {
  DUNNING_STAGE,
  STATEMENT_HOLD,
  type StatementCandidates,
} from '../../../shared/api/statements';

/**
 * What the listed guarantors' statements would be, by stage, and how many accounts are held
 * back, by reason: what a supervisor checks before printing.
 */
export function CycleCounts({
  counts,
}: {
  counts: Pick<StatementCandidates, 'byStage' | 'byHold'>;
}) {
  const stages = [
    ...DUNNING_STAGE.keys.flatMap((k) => {
      const n = counts.byStage[k];
      return n ? [{ key: k, label: DUNNING_STAGE.labels[k], n }] : [];
    }),
    ...(counts.byStage.plan
      ? [{ key: 'plan', label: 'Plan statement', n: counts.byStage.plan }]
      : []),
  ];
  const holds = STATEMENT_HOLD.keys.flatMap((k) => {
    const n = counts.byHold[k];
    return n ? [{ key: k, label: STATEMENT_HOLD.labels[k], n }] : [];
  });
  if (stages.length === 0 && holds.length === 0) return null;
  return (
    <Group
      gap="xs"
      px="xs"
      py={6}
      style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
      aria-label="Statements by stage and accounts held by reason"
      role="group"
    >
      <Text size="xs" fw={600}>
        By stage:
      </Text>
      {stages.map((s) => (
        <Badge key={s.key} variant="light" color={s.key === 'final_notice' ? 'red' : 'blue'}>
          {s.label}: {s.n}
        </Badge>
      ))}
      {holds.length > 0 && (
        <Text size="xs" fw={600} ml="sm">
          Held:
        </Text>
      )}
      {holds.map((h) => (
        <Badge key={h.key} variant="light" color="gray">
          {h.label}: {h.n}
        </Badge>
      ))}
    </Group>
  );
}
