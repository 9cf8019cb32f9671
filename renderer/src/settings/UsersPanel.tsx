import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { UserView } from '../../../shared/api/users';
import { USER_ROLE, type UserRole } from '../../../shared/codes/enums';
import { api } from '../app/api';
import { fieldErrors, invalidateAll, keys, queryClient } from '../app/query';
import { FormError } from '../components/FormError';
import { optionsOf } from '../components/options';
import { QueryState } from '../components/States';
import { Timestamp } from '../components/UsDate';
import { UserContactModal } from './UserContactModal';
import { UserPermissions } from './UserPermissions';
import { UserAccessSection } from '../lock/UserAccessSection';

/** Adds a colleague (user null) or changes one's name, role and access. */
function UserModal({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [role, setRole] = useState<UserRole>(user?.role ?? 'representative');
  const [active, setActive] = useState(user?.active ?? true);
  const save = useMutation({
    mutationFn: () =>
      user
        ? api.saveUser({ userId: user.id, displayName, role, active })
        : api.addUser({ username, displayName, role }),
    onSuccess: async (view) => {
      queryClient.setQueryData(keys.users, view);
      notifications.show({
        color: 'green',
        message: user ? `${displayName.trim()} saved.` : `${displayName.trim()} added.`,
      });
      onClose();
      // names show in history and owner lists, and one's own role decides what screens offer
      await invalidateAll();
    },
  });
  const errors = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const title = user ? `User ${user.username}` : 'Add a user';
  return (
    <Modal opened onClose={onClose} title={title} size="md">
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="xs">
          {!user && (
            <TextInput
              label="Sign-in name"
              description="The name this person signs in to the computer with."
              required
              data-autofocus
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              error={errors.username}
            />
          )}
          <TextInput
            label="Name"
            description="As it shows in account history and on letters they sign."
            required
            data-autofocus={user ? true : undefined}
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            error={errors.displayName}
          />
          <Select
            label="Role"
            description="Supervisors approve write-offs and keep templates, rules and users."
            required
            data={optionsOf(USER_ROLE.keys, USER_ROLE.labels)}
            value={role}
            onChange={(v) => v && setRole(v as UserRole)}
            allowDeselect={false}
            error={errors.role}
          />
          {user && (
            <Checkbox
              label="May open ClaimDesk (turned off, their history stays)"
              checked={active}
              onChange={(e) => setActive(e.currentTarget.checked)}
            />
          )}
          <FormError error={save.error} fields={['username', 'displayName', 'role']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {user ? 'Save user' : 'Add user'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Who works in ClaimDesk and in which role. People appear when they first open it (or
 * when a supervisor adds them); a supervisor gives the role and turns access off, and
 * every change is kept with who made it.
 */
export function UsersPanel() {
  const users = useQuery({ queryKey: keys.users, queryFn: () => api.listUsers({}) });
  const [editing, setEditing] = useState<UserView | 'new' | null>(null);
  const [contact, setContact] = useState<UserView | null>(null);
  if (users.isPending || users.isError) return <QueryState query={users} what="the users" />;
  const { users: list, canChange } = users.data;
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={640}>
          People are added when they first open ClaimDesk on this database, as account
          representatives. There is always at least one active supervisor.
          {!canChange &&
            ' Only a supervisor can change roles and access; you keep your own contact details.'}
        </Text>
        {canChange && <Button onClick={() => setEditing('new')}>Add a user</Button>}
      </Group>
      <Table striped highlightOnHover aria-label="Users">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Sign-in name</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Access</Table.Th>
            <Table.Th>Last change</Table.Th>
            <Table.Th>Title and contact</Table.Th>
            <Table.Th aria-label="Actions" />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td c={u.active ? undefined : 'dimmed'}>
                {u.displayName}
                {u.you && (
                  <Badge ml="xs" size="sm" variant="outline">
                    you
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ff="monospace">{u.username}</Table.Td>
              <Table.Td>{USER_ROLE.labels[u.role]}</Table.Td>
              <Table.Td>
                {u.active ? (
                  <Badge variant="light" color="green">
                    Active
                  </Badge>
                ) : (
                  <Badge variant="light" color="gray">
                    Turned off
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {u.lastChange ? (
                  <Text size="xs">
                    {u.lastChange.why} · {u.lastChange.byName},{' '}
                    <Timestamp value={u.lastChange.at} />
                  </Text>
                ) : (
                  <Text size="xs" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {u.title || u.phone || u.email ? (
                  [u.title, u.phone, u.email].filter(Boolean).map((line) => (
                    <Text size="xs" key={line}>
                      {line}
                    </Text>
                  ))
                ) : (
                  <Text size="xs" c="dimmed">
                    No title, direct phone or email
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  {(canChange || u.you) && (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      onClick={() => setContact(u)}
                      aria-label={`Contact details of ${u.displayName}`}
                    >
                      Contact
                    </Button>
                  )}
                  {canChange && (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      onClick={() => setEditing(u)}
                      aria-label={`Change ${u.displayName}`}
                    >
                      Change
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <UserPermissions />
      {contact && <UserContactModal user={contact} onClose={() => setContact(null)} />}
      {editing && (
        <UserModal user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      <UserAccessSection />
    </Stack>
  );
}
