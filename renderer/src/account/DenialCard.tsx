import { Badge, Button, Divider, Group, Stack, Text } from '@mantine/core';
import { Fragment, useState, type ReactNode } from 'react';
import type { DenialView } from '../../../shared/api/denials';
import {
  APPEAL_LEVEL,
  DENIAL_CATEGORY,
  DENIAL_RESOLUTION,
  DENIAL_STATE,
} from '../../../shared/codes/denials';
import { appealPath, navigate } from '../app/router';
import { DenialStateBadge } from '../components/DenialStateBadge';
import { Money } from '../components/Money';
import { Section } from '../components/Section';
import { UsDate } from '../components/UsDate';
import { Deadline } from '../worklist/columns';
import { nextState } from './account-rules';
import { DenialUpdateForm } from './DenialUpdateForm';

const ACTION_WORDS: Record<DenialView['action'], string> = {
  appeal: 'Appeal the denial',
  correct_and_resubmit: 'Correct the claim and resubmit it (no appeal rights)',
};

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0} role="group" aria-label={label}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

function DenialItem({ d }: { d: DenialView }) {
  const [editing, setEditing] = useState(false);
  const resolved = d.state === 'resolved';
  return (
    <Stack gap={6} aria-label={`Denial on claim ${d.claimNumber}`} role="group">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={0}>
          <Group gap="xs">
            <Text fw={600} size="sm">
              {DENIAL_CATEGORY.labels[d.category]}
            </Text>
            <DenialStateBadge state={d.state} />
            {d.resolution && (
              <Badge size="sm" variant="outline" color="gray" tt="none">
                {DENIAL_RESOLUTION.labels[d.resolution]}
              </Badge>
            )}
          </Group>
          <Text size="sm" c={d.action === 'appeal' ? undefined : 'orange.9'}>
            {ACTION_WORDS[d.action]} · claim <span className="tabular">{d.claimNumber}</span> ·{' '}
            {d.payerName}
          </Text>
        </Stack>
        {!resolved && !editing && (
          <Group gap="xs" wrap="nowrap">
            <Button size="compact-sm" variant="light" onClick={() => navigate(appealPath(d.id))}>
              {d.action === 'appeal' ? 'Draft appeal' : 'Draft letter'}
            </Button>
            <Button
              size="compact-sm"
              variant="light"
              onClick={() => setEditing(true)}
              title={`Move it on, to ${DENIAL_STATE.labels[nextState(d)].toLowerCase()} or another state`}
            >
              Update denial…
            </Button>
          </Group>
        )}
      </Group>
      <Stack gap={2} aria-label="Denial codes">
        {d.codes.map((c) => (
          <Text size="sm" key={c.code}>
            <Badge
              size="sm"
              variant="light"
              color={/^[A-Z]{2}-/.test(c.code) ? 'red' : 'gray'}
              tt="none"
              mr={6}
            >
              {c.code}
            </Badge>
            {c.description}
          </Text>
        ))}
      </Stack>
      <Group gap="xl">
        <Fact label="Amount">
          <Money value={d.amount} size="sm" fw={600} />
        </Fact>
        <Fact label="Remit date">
          <UsDate value={d.remitDate} />
        </Fact>
        <Fact label="Appeal deadline">
          <Group gap={6} wrap="nowrap">
            {resolved ? (
              <UsDate value={d.deadlineDate} />
            ) : (
              <>
                <Deadline date={d.deadlineDate} daysLeft={d.daysLeft} />
                {/* the badge says how soon; the date is still wanted for the letter */}
                {d.daysLeft <= 15 && <UsDate value={d.deadlineDate} />}
              </>
            )}
          </Group>
        </Fact>
        <Fact label="Level">{APPEAL_LEVEL.labels[d.appealLevel]}</Fact>
      </Group>
      {editing && <DenialUpdateForm denial={d} onDone={() => setEditing(false)} />}
    </Stack>
  );
}

/** The account's denials, open ones first, each with what to do and a way to move it on. */
export function DenialCard({ denials }: { denials: DenialView[] }) {
  const open = denials.filter((d) => d.state !== 'resolved').length;
  return (
    <Section
      title="Denials"
      id="denials-title"
      actions={
        <Text size="xs" c="dimmed">
          {open} open of {denials.length}
        </Text>
      }
    >
      <Stack gap="sm">
        {denials.map((d, i) => (
          <Fragment key={d.id}>
            {i > 0 && <Divider />}
            <DenialItem d={d} />
          </Fragment>
        ))}
      </Stack>
    </Section>
  );
}
