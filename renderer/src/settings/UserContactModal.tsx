import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { UserView } from '../../../shared/api/users';
import { api } from '../app/api';
import { fieldErrors, keys, queryClient } from '../app/query';
import { FormError } from '../components/FormError';

/**
 * Title, direct phone and email: what letters print under the signature so a payer's
 * reviewer can reach the person who wrote. Anyone edits their own, a supervisor anyone's
 * (the handler refuses the rest).
 */
export function UserContactModal({ user, onClose }: { user: UserView; onClose: () => void }) {
  const [title, setTitle] = useState(user.title ?? '');
  const [phone, setPhone] = useState(user.phone ?? '');
  const [email, setEmail] = useState(user.email ?? '');
  const save = useMutation({
    mutationFn: () => api.saveUserContact({ userId: user.id, title, phone, email }),
    onSuccess: (view) => {
      queryClient.setQueryData(keys.users, view);
      notifications.show({
        color: 'green',
        message: `Contact details of ${user.displayName} saved.`,
      });
      onClose();
    },
  });
  const errors = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const heading = user.you ? 'Your contact details' : `Contact details of ${user.displayName}`;
  return (
    <Modal opened onClose={onClose} title={heading} size="md">
      <form onSubmit={submit} noValidate aria-label={heading}>
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            Letters print these under the signature. Without a direct phone they print the business
            office number, marked as such.
          </Text>
          <TextInput
            label="Title"
            description="Job title, e.g. Patient Account Representative."
            data-autofocus
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
          />
          <TextInput
            label="Direct phone"
            description="A full number a payer can dial; an extension may follow it."
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            error={errors.phone}
          />
          <TextInput
            label="Email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
          />
          <FormError error={save.error} fields={['title', 'phone', 'email']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save contact details
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
