import { Anchor, Badge, Divider, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { AccountView, PersonView } from '../../../shared/api/accounts';
import { Section } from '../components/Section';
import { UsDate } from '../components/UsDate';
import { ChangeAddressModal } from './ChangeAddressModal';
import { RecordDeathModal } from './RecordDeathModal';

function Person({
  label,
  person,
  onChangeAddress,
  onRecordDeath,
}: {
  label: string;
  person: PersonView;
  onChangeAddress: () => void;
  onRecordDeath: () => void;
}) {
  const a = person.address;
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
          {label}
        </Text>
        {person.returnedMail && (
          <Badge size="xs" color="orange" variant="filled">
            Returned mail
          </Badge>
        )}
        {person.deceasedDate && (
          <Badge size="xs" color="dark" variant="filled">
            Deceased <UsDate value={person.deceasedDate} />
          </Badge>
        )}
      </Group>
      <Text size="sm" fw={600}>
        {person.fullName}
      </Text>
      <Text size="sm">
        DOB <UsDate value={person.dateOfBirth} /> · {person.phone ?? 'no phone on file'}
      </Text>
      {a ? (
        <Text size="sm">
          {a.line1}
          {a.line2 ? `, ${a.line2}` : ''}, {a.city}, {a.state} {a.zip}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          No address on file
        </Text>
      )}
      <Group gap="xs">
        <Anchor component="button" type="button" size="xs" onClick={onChangeAddress}>
          Change address
        </Anchor>
        {!person.deceasedDate && (
          <Anchor component="button" type="button" size="xs" onClick={onRecordDeath}>
            Record date of death
          </Anchor>
        )}
        {person.addressHistory.length > 1 && (
          <Text size="xs" c="dimmed">
            {person.addressHistory.length - 1} earlier address
            {person.addressHistory.length > 2 ? 'es' : ''}
          </Text>
        )}
      </Group>
    </Stack>
  );
}

export function PeopleCard({ view }: { view: AccountView }) {
  const [editing, setEditing] = useState<PersonView | null>(null);
  const [dying, setDying] = useState<PersonView | null>(null);
  return (
    <Section title="Patient and guarantor" id="people-title">
      <Stack gap="xs">
        <Person
          label="Patient"
          person={view.patient}
          onChangeAddress={() => setEditing(view.patient)}
          onRecordDeath={() => setDying(view.patient)}
        />
        <Divider />
        {view.guarantorIsPatient ? (
          <Text size="sm" c="dimmed">
            The patient is their own guarantor.
          </Text>
        ) : (
          <Person
            label="Guarantor"
            person={view.guarantor}
            onChangeAddress={() => setEditing(view.guarantor)}
            onRecordDeath={() => setDying(view.guarantor)}
          />
        )}
      </Stack>
      {editing && (
        <ChangeAddressModal
          accountId={view.account.id}
          person={editing}
          today={view.today}
          onClose={() => setEditing(null)}
        />
      )}
      {dying && (
        <RecordDeathModal
          accountId={view.account.id}
          person={dying}
          today={view.today}
          onClose={() => setDying(null)}
        />
      )}
    </Section>
  );
}
