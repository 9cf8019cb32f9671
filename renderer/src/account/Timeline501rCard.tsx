import { Alert, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { APPLICATION_STATUS, ECA_ACTION, type AssistanceTimeline } from '../../../shared/api/fap';
import type { IsoDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { invalidateAll, messageOf } from '../app/query';
import { Money } from '../components/Money';
import { Section } from '../components/Section';
import { UsDate } from '../components/UsDate';
import {
  DecideModal,
  IncompleteModal,
  ReceiveApplicationModal,
  RecordEcaModal,
} from './AssistanceModals';

type Open = 'receive' | 'incomplete' | 'decide' | 'eca' | null;

interface Row {
  key: string;
  date: IsoDate | null;
  what: ReactNode;
  /** A date still ahead of today reads as what will happen then. */
  future?: boolean;
}

/** Every dated step of the episode, in date order; steps still to come are marked. */
function rowsOf(t: AssistanceTimeline, today: IsoDate): Row[] {
  const rows: Row[] = [{ key: 'episode', date: t.episodeEnd, what: 'Episode of care ended' }];
  if (t.firstStatementDate) {
    rows.push({
      key: 'first',
      date: t.firstStatementDate,
      what: 'First statement after discharge',
    });
  }
  if (t.notificationEnds) {
    rows.push({ key: 'n120', date: t.notificationEnds, what: '120-day notification period ends' });
  }
  if (t.applicationEnds) {
    rows.push({ key: 'a240', date: t.applicationEnds, what: '240-day application period ends' });
  }
  for (const n of t.notices) {
    rows.push({
      key: `notice-${n.documentId}`,
      date: n.sentOn,
      what: (
        <>
          Written notice of collection actions sent; none before <UsDate value={n.deadline} />
        </>
      ),
    });
  }
  for (const a of t.applications) {
    rows.push({
      key: `app-${a.id}`,
      date: a.receivedOn,
      what: `Assistance application received${a.withinApplicationPeriod === false ? ' (after the 240 days)' : ''}`,
    });
    if (a.status === 'incomplete') {
      rows.push({
        key: `inc-${a.id}`,
        date: a.completeBy,
        what: `Incomplete; asked by then for: ${a.missing.join('; ')}`,
      });
    }
    if (a.decidedOn) {
      rows.push({
        key: `dec-${a.id}`,
        date: a.decidedOn,
        what: (
          <>
            Decided: {APPLICATION_STATUS.labels[a.status].toLowerCase()}
            {a.discountedAmount !== null && (
              <>
                , owes <Money value={a.discountedAmount} size="sm" />
              </>
            )}
          </>
        ),
      });
    }
  }
  for (const x of t.actions) {
    rows.push({ key: `eca-${x.id}`, date: x.takenOn, what: ECA_ACTION.labels[x.action] });
    if (x.reversedOn) {
      rows.push({
        key: `rev-${x.id}`,
        date: x.reversedOn,
        what: `Reversed: ${ECA_ACTION.labels[x.action].toLowerCase()}`,
      });
    }
  }
  return rows
    .map((r) => ({ ...r, future: r.date !== null && r.date > today }))
    .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
}

/**
 * The account's 501(r) timeline: the dates that decide when an extraordinary collection
 * action may be taken, the written notice, assistance applications and ECAs taken, with
 * today's answer of the gate every ECA asks.
 */
export function Timeline501rCard({ accountId, today }: { accountId: number; today: IsoDate }) {
  const query = useQuery({
    queryKey: ['assistanceTimeline', accountId],
    queryFn: () => api.getAssistanceTimeline({ accountId }),
  });
  const [open, setOpen] = useState<Open>(null);
  const notice = useMutation({
    mutationFn: () => api.sendEcaNotice({ accountId }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: 'Written notice filed on the account.' });
      await invalidateAll();
    },
    onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
  });
  const t = query.data;
  if (!t) return null;
  const waiting = t.applications.find((a) => a.status === 'pending' || a.status === 'incomplete');
  const close = () => setOpen(null);
  return (
    <Section title="501(r) and financial assistance" id="section-501r-title">
      <Stack gap={6}>
        {!t.bound ? (
          <Text size="sm" c="dimmed">
            The billing rules say this facility is not bound by section 501(r).
          </Text>
        ) : (
          <Alert
            color={t.eca.allowed ? 'green' : 'orange'}
            variant="light"
            p="xs"
            title={
              t.eca.allowed ? (
                'Extraordinary collection actions allowed'
              ) : t.eca.allowedFrom ? (
                <>
                  Extraordinary collection actions: not before <UsDate value={t.eca.allowedFrom} />
                </>
              ) : (
                'Extraordinary collection actions: not now'
              )
            }
          >
            {t.eca.reason && <Text size="xs">{t.eca.reason}</Text>}
          </Alert>
        )}
        <Table aria-label="501(r) timeline" withRowBorders={false} verticalSpacing={2}>
          <Table.Tbody>
            {rowsOf(t, today).map((r) => (
              <Table.Tr key={r.key}>
                <Table.Td w={96}>
                  <Text size="sm" className="tabular">
                    <UsDate value={r.date} />
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={r.future ? 'dimmed' : undefined}>
                    {r.what}
                    {r.future && (
                      <Badge size="xs" variant="outline" color="gray" ml={6}>
                        ahead
                      </Badge>
                    )}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group gap="xs">
          {waiting ? (
            <>
              <Button size="xs" variant="default" onClick={() => setOpen('incomplete')}>
                Mark incomplete…
              </Button>
              {t.canDecide && (
                <Button size="xs" onClick={() => setOpen('decide')}>
                  Decide…
                </Button>
              )}
            </>
          ) : (
            <Button size="xs" variant="default" onClick={() => setOpen('receive')}>
              Application received…
            </Button>
          )}
          {t.bound && !waiting && t.firstStatementDate && (
            <Button
              size="xs"
              variant="default"
              loading={notice.isPending}
              onClick={() => notice.mutate()}
            >
              Send ECA notice
            </Button>
          )}
          {t.canDecide && t.eca.allowed && (
            <Button size="xs" variant="default" color="red" onClick={() => setOpen('eca')}>
              Record ECA…
            </Button>
          )}
        </Group>
      </Stack>
      {open === 'receive' && (
        <ReceiveApplicationModal accountId={accountId} today={today} onClose={close} />
      )}
      {open === 'incomplete' && waiting && (
        <IncompleteModal applicationId={waiting.id} onClose={close} />
      )}
      {open === 'decide' && waiting && <DecideModal applicationId={waiting.id} onClose={close} />}
      {open === 'eca' && <RecordEcaModal accountId={accountId} onClose={close} />}
    </Section>
  );
}
