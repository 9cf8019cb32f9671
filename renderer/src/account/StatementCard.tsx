import { Badge, Button, Group, Menu, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  COLLECTION_HOLD,
  DUNNING_STAGE,
  STATEMENT_HOLD,
  type CollectionHold,
  type HeldAccount,
} from '../../../shared/api/statements';
import { api } from '../app/api';
import { invalidateAll, messageOf } from '../app/query';
import { ReasonModal } from '../components/ReasonModal';
import { Section } from '../components/Section';
import { UsDate } from '../components/UsDate';

/**
 * Where the account stands in its guarantor's statement cycle: the stage of its next
 * statement and every hold that keeps it out of a run, with the reason; a supervisor can
 * release a hold for one statement, and anyone records a dispute, a bankruptcy or an
 * assistance application.
 */
export function StatementCard({ accountId }: { accountId: number }) {
  const query = useQuery({
    queryKey: ['accountDunning', accountId],
    queryFn: () => api.getAccountDunning({ accountId }),
  });
  const [releasing, setReleasing] = useState<HeldAccount | null>(null);
  const release = useMutation({
    mutationFn: (reason: string) =>
      api.releaseStatementHold({ accountId, hold: releasing?.hold ?? 'dispute', reason }),
    onSuccess: async () => {
      setReleasing(null);
      notifications.show({ color: 'green', message: 'Hold released for the next statement.' });
      await invalidateAll();
    },
  });
  const setHold = useMutation({
    mutationFn: (change: { kind: CollectionHold; open: boolean }) =>
      api.setCollectionHold({ accountId, ...change }),
    onSuccess: () => invalidateAll(),
    onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
  });
  const d = query.data;
  if (!d) return null;
  const notOpen = COLLECTION_HOLD.keys.filter((k) => !d.openHolds.some((h) => h.kind === k));
  return (
    <Section title="Statements" id="statement-cycle-title">
      <Stack gap={6}>
        <Group gap="xs">
          <Text size="sm">
            Next statement:{' '}
            <Text span fw={600}>
              {d.holds.length > 0
                ? 'held'
                : d.stage
                  ? DUNNING_STAGE.labels[d.stage]
                  : 'none (nothing owed)'}
            </Text>
          </Text>
          {d.stage && d.holds.length > 0 && (
            <Badge size="xs" variant="light">
              stage {DUNNING_STAGE.labels[d.stage]}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {d.statementsSent} sent
          {d.lastStatementDate ? (
            <>
              {' '}
              · last <UsDate value={d.lastStatementDate} />
            </>
          ) : null}
          {d.firstStatementDate ? (
            <>
              {' '}
              · cycle from <UsDate value={d.firstStatementDate} />
            </>
          ) : null}
        </Text>
        {d.holds.length > 0 && (
          <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {d.holds.map((h) => (
              <li key={h.hold}>
                <Group gap={6} wrap="nowrap" align="flex-start">
                  <Badge size="xs" color="orange" variant="light">
                    {STATEMENT_HOLD.labels[h.hold]}
                  </Badge>
                  <Text size="xs" style={{ flex: 1 }}>
                    {h.reason}
                  </Text>
                  {d.canRelease && h.releasable && (
                    <Button size="compact-xs" variant="subtle" onClick={() => setReleasing(h)}>
                      Release
                    </Button>
                  )}
                </Group>
              </li>
            ))}
          </Stack>
        )}
        <Group gap="xs">
          {d.openHolds.map((h) => (
            <Button
              key={h.id}
              size="compact-xs"
              variant="default"
              loading={setHold.isPending}
              onClick={() => setHold.mutate({ kind: h.kind, open: false })}
            >
              End {COLLECTION_HOLD.labels[h.kind].toLowerCase()}
            </Button>
          ))}
          {notOpen.length > 0 && (
            <Menu position="bottom-start">
              <Menu.Target>
                <Button size="compact-xs" variant="default">
                  Hold statements for…
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {notOpen.map((k) => (
                  <Menu.Item key={k} onClick={() => setHold.mutate({ kind: k, open: true })}>
                    {COLLECTION_HOLD.labels[k]}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      </Stack>
      {releasing && (
        <ReasonModal
          title="Release a statement hold"
          summary={`${releasing.reason} The next statement run prints this account once.`}
          confirmLabel="Release for the next statement"
          pending={release.isPending}
          error={release.error}
          onConfirm={(reason) => release.mutate(reason)}
          onClose={() => setReleasing(null)}
        />
      )}
    </Section>
  );
}
