import {
  Badge,
  Button,
  Group,
  PasswordInput,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { AccessReview, SecretKind } from '../../../shared/api/access';
import { api } from '../app/api';
import { fieldErrors, keys, queryClient } from '../app/query';
import { FormError } from '../components/FormError';
import { QueryState } from '../components/States';
import { Timestamp } from '../components/UsDate';
import { showAccess, useAccessState } from './access';

const REVIEW_KEY = ['accessReview'] as const;

/** Sets or changes one's own PIN or password: for offices that share a Windows login. */
function OwnSecret({ current }: { current: SecretKind | null }) {
  const [kind, setKind] = useState<SecretKind>(current ?? 'pin');
  const [secret, setSecret] = useState('');
  const [old, setOld] = useState('');
  const save = useMutation({
    mutationFn: () => api.setOwnSecret(current ? { kind, secret, current: old } : { kind, secret }),
    onSuccess: (state) => {
      showAccess(state);
      setSecret('');
      setOld('');
      notifications.show({ color: 'green', message: `Your ClaimDesk ${label(kind)} is saved.` });
    },
  });
  const errors = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Your ClaimDesk PIN or password">
      <Stack gap="xs" maw={420}>
        <Title order={3} size="h5">
          Your ClaimDesk PIN or password
        </Title>
        <Text size="sm" c="dimmed">
          {current
            ? `You have a ClaimDesk ${label(current)}: ClaimDesk asks for it when it starts and when it unlocks.`
            : 'Optional, for offices where several people share one computer sign-in: ClaimDesk then asks for it when it starts and when it unlocks.'}
        </Text>
        <SegmentedControl
          aria-label="PIN or password"
          data={[
            { value: 'pin', label: 'PIN' },
            { value: 'password', label: 'Password' },
          ]}
          value={kind}
          onChange={(v) => setKind(v as SecretKind)}
        />
        {current && (
          <PasswordInput
            label={`Your current ${label(current)}`}
            autoComplete="off"
            value={old}
            onChange={(e) => setOld(e.currentTarget.value)}
            error={errors.current}
          />
        )}
        <PasswordInput
          label={
            kind === 'pin' ? 'New PIN (4 to 12 digits)' : 'New password (at least 8 characters)'
          }
          autoComplete="new-password"
          value={secret}
          onChange={(e) => setSecret(e.currentTarget.value)}
          error={errors.secret}
        />
        <FormError error={save.error} fields={['secret', 'current']} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {current ? `Change` : `Set ${label(kind)}`}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const label = (kind: SecretKind) => (kind === 'pin' ? 'PIN' : 'password');

function useReviewAction<I>(call: (input: I) => Promise<AccessReview>, done: string) {
  return useMutation({
    mutationFn: call,
    onSuccess: async (review) => {
      queryClient.setQueryData(REVIEW_KEY, review);
      notifications.show({ color: 'green', message: done });
      await queryClient.invalidateQueries({ queryKey: keys.users });
    },
    onError: (error) => notifications.show({ color: 'red', message: error.message }),
  });
}

/** What a supervisor decides: names waiting, emergency access to acknowledge, PIN resets. */
function SupervisorReview() {
  const review = useQuery({ queryKey: REVIEW_KEY, queryFn: () => api.getAccessReview({}) });
  const users = useQuery({ queryKey: keys.users, queryFn: () => api.listUsers({}) });
  const allow = useReviewAction((userId: number) => api.allowUser({ userId }), 'Allowed.');
  const refuse = useReviewAction((userId: number) => api.refuseUser({ userId }), 'Refused.');
  const ack = useReviewAction(
    (emergencyId: number) => api.acknowledgeEmergencyAccess({ emergencyId }),
    'Acknowledged.',
  );
  const reset = useReviewAction(
    (userId: number) => api.resetUserSecret({ userId }),
    'PIN or password reset.',
  );
  if (review.isPending || review.isError) return <QueryState query={review} what="sign-ins" />;
  const { pending, emergencies, withSecret } = review.data;
  const nameOf = (id: number) => users.data?.users.find((u) => u.id === id)?.displayName ?? '';
  const unacknowledged = emergencies.filter((e) => !e.acknowledged).length;
  return (
    <Stack gap="md">
      <Stack gap="xs">
        <Title order={3} size="h5">
          New sign-in names waiting{' '}
          {pending.length > 0 && (
            <Badge color="orange" variant="light">
              {pending.length}
            </Badge>
          )}
        </Title>
        {pending.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nobody is waiting. A name ClaimDesk has not seen before waits here until you allow it.
          </Text>
        ) : (
          <Table aria-label="Sign-in names waiting" maw={720}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Sign-in name</Table.Th>
                <Table.Th>First opened ClaimDesk</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pending.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td ff="monospace">{p.username}</Table.Td>
                  <Table.Td>
                    <Timestamp value={p.firstSeen} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Group gap="xs" justify="flex-end">
                      <Button size="compact-sm" onClick={() => allow.mutate(p.id)}>
                        Allow {p.username}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="default"
                        color="red"
                        onClick={() => refuse.mutate(p.id)}
                      >
                        Refuse
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <Stack gap="xs">
        <Title order={3} size="h5">
          Emergency access{' '}
          {unacknowledged > 0 && (
            <Badge color="red" variant="light">
              {unacknowledged} to acknowledge
            </Badge>
          )}
        </Title>
        {emergencies.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nobody has used emergency access.
          </Text>
        ) : (
          <Table aria-label="Emergency access">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Who</Table.Th>
                <Table.Th>From</Table.Th>
                <Table.Th>Until</Table.Th>
                <Table.Th>Why</Table.Th>
                <Table.Th>Acknowledged</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {emergencies.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    {e.displayName}
                    {e.displayName !== e.username && (
                      <Text span ff="monospace" size="xs">
                        {' '}
                        ({e.username})
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Timestamp value={e.startedAt} />
                  </Table.Td>
                  <Table.Td>
                    <Timestamp value={e.endsAt} />
                  </Table.Td>
                  <Table.Td maw={320}>{e.reason}</Table.Td>
                  <Table.Td>
                    {e.acknowledged ? (
                      <Text size="xs">
                        {e.acknowledged.byName}, <Timestamp value={e.acknowledged.at} />
                      </Text>
                    ) : (
                      <Button size="compact-sm" color="red" onClick={() => ack.mutate(e.id)}>
                        Acknowledge
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {withSecret.length > 0 && (
        <Stack gap="xs">
          <Title order={3} size="h5">
            ClaimDesk PINs and passwords
          </Title>
          <Text size="sm" c="dimmed">
            Resetting one lets that person in without it and set a new one.
          </Text>
          <Table aria-label="PINs and passwords" maw={520}>
            <Table.Tbody>
              {withSecret.map((s) => (
                <Table.Tr key={s.userId}>
                  <Table.Td>{nameOf(s.userId)}</Table.Td>
                  <Table.Td>{label(s.kind)}</Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="compact-sm"
                      variant="default"
                      onClick={() => reset.mutate(s.userId)}
                    >
                      Reset
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  );
}

/** The sign-in part of Settings, Users: one's own PIN, and a supervisor's review. */
export function UserAccessSection() {
  const access = useAccessState();
  if (!access.data) return null;
  return (
    <Stack gap="lg" mt="lg">
      {access.data.user.role === 'supervisor' && <SupervisorReview />}
      <OwnSecret current={access.data.secret} />
    </Stack>
  );
}
