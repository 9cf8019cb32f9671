import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  CONTACT_RESTRICTION,
  type CallingTime,
  type ContactRestrictionView,
} from '../../../shared/api/contact';
import { hourLabel } from '../../../shared/codes/us-time-zones';
import { formatUsDate, type IsoDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { invalidateAll } from '../app/query';
import { ReasonModal } from '../components/ReasonModal';
import { Section } from '../components/Section';
import { Timestamp, UsDate } from '../components/UsDate';
import { RecordRestrictionModal } from './RecordRestrictionModal';

function LocalTime({ who, time }: { who: string; time: CallingTime | null }) {
  if (!time) {
    return (
      <Text size="xs" c="dimmed">
        {who}: no address names a time zone.
      </Text>
    );
  }
  return (
    <Text size="xs" title={time.otherPart ? `${time.state} spans zones: ${time.otherPart}` : ''}>
      {who} ({time.state}): <strong>{time.localTime}</strong>{' '}
      {time.withinHours ? (
        <Badge size="xs" color="green" variant="light">
          within calling hours
        </Badge>
      ) : (
        <Badge size="xs" color="orange" variant="filled">
          outside calling hours
        </Badge>
      )}
      {time.otherPart ? ' · main zone of the state' : ''}
    </Text>
  );
}

function Restriction({
  r,
  canLift,
  onLift,
}: {
  r: ContactRestrictionView;
  canLift: boolean;
  onLift: () => void;
}) {
  return (
    <li>
      <Group gap={6} wrap="nowrap" align="flex-start">
        <Badge size="xs" color={r.lifted ? 'gray' : 'red'} variant={r.lifted ? 'light' : 'filled'}>
          {CONTACT_RESTRICTION.labels[r.kind]}
        </Badge>
        <Stack gap={0} style={{ flex: 1 }}>
          <Text size="xs">
            Since <UsDate value={r.effectiveDate} /> · {r.personName}
            {r.kind === 'written_dispute' ? ` · account ${r.accountNumber}` : ''}
          </Text>
          {r.attorney && (
            <Text size="xs" fw={600}>
              {r.attorney.name}
              {r.attorney.phone ? `, ${r.attorney.phone}` : ''}
              {r.attorney.address ? `, ${r.attorney.address}` : ''}
            </Text>
          )}
          {r.note && <Text size="xs">{r.note}</Text>}
          {r.lifted ? (
            <Text size="xs" c="dimmed">
              Lifted <Timestamp value={r.lifted.at} /> by {r.lifted.by}: {r.lifted.reason}
            </Text>
          ) : (
            <Text size="xs" c="dimmed">
              {r.effect} Recorded by {r.recordedBy}.
            </Text>
          )}
        </Stack>
        {!r.lifted && canLift && (
          <Button size="compact-xs" variant="subtle" onClick={onLift}>
            Lift
          </Button>
        )}
      </Group>
    </li>
  );
}

/**
 * How the guarantor may be contacted: the patient's and guarantor's time now against the
 * office's calling hours, the week's call attempts, and every contact restriction, in force
 * or lifted; anyone records a restriction, a supervisor lifts one with the reason.
 */
export function ContactCard({ accountId, today }: { accountId: number; today: IsoDate }) {
  const query = useQuery({
    queryKey: ['contactRules', accountId],
    queryFn: () => api.getContactRules({ accountId }),
  });
  const [recording, setRecording] = useState(false);
  const [lifting, setLifting] = useState<ContactRestrictionView | null>(null);
  const lift = useMutation({
    mutationFn: (reason: string) =>
      api.liftContactRestriction({ restrictionId: lifting?.id ?? 0, reason }),
    onSuccess: async () => {
      setLifting(null);
      notifications.show({ color: 'green', message: 'Contact restriction lifted.' });
      await invalidateAll();
    },
  });
  const d = query.data;
  if (!d) return null;
  const active = d.restrictions.filter((r) => !r.lifted);
  return (
    <Section title="Contact" id="contact-rules-title">
      <Stack gap={6}>
        <LocalTime who="Patient" time={d.patientTime} />
        {d.guarantorTime && <LocalTime who="Guarantor" time={d.guarantorTime} />}
        <Text size="xs" c="dimmed">
          Calling hours {hourLabel(d.hours.start)} to {hourLabel(d.hours.end)} local time ·{' '}
          {d.callsInSevenDays} of {d.weeklyLimit} calls in the last seven days
        </Text>
        {d.restrictions.length > 0 && (
          <Stack
            gap={6}
            component="ul"
            aria-label="Contact restrictions"
            style={{ listStyle: 'none', padding: 0, margin: 0 }}
          >
            {d.restrictions.map((r) => (
              <Restriction key={r.id} r={r} canLift={d.canLift} onLift={() => setLifting(r)} />
            ))}
          </Stack>
        )}
        <Group gap="xs">
          <Button size="compact-xs" variant="default" onClick={() => setRecording(true)}>
            Restrict contact…
          </Button>
          {active.length > 0 && !d.canLift && (
            <Text size="xs" c="dimmed">
              A supervisor lifts a restriction.
            </Text>
          )}
        </Group>
      </Stack>
      {recording && (
        <RecordRestrictionModal
          accountId={accountId}
          today={today}
          onClose={() => setRecording(false)}
        />
      )}
      {lifting && (
        <ReasonModal
          title="Lift a contact restriction"
          summary={`${CONTACT_RESTRICTION.labels[lifting.kind]} since ${formatUsDate(lifting.effectiveDate)}: calls, letters and statements resume on the accounts it covers.`}
          confirmLabel="Lift restriction"
          pending={lift.isPending}
          error={lift.error}
          onConfirm={(reason) => lift.mutate(reason)}
          onClose={() => setLifting(null)}
        />
      )}
    </Section>
  );
}
