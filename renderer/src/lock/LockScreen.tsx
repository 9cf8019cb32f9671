import { Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { AccessState } from '../../../shared/api/access';
import { api } from '../app/api';
import { FormError } from '../components/FormError';
import { showAccess } from './access';

/** Nothing of a patient shows here: the user's own name, and what unlocking asks for. */
export function LockScreen({ state }: { state: AccessState }) {
  const [secret, setSecret] = useState('');
  const unlock = useMutation({
    mutationFn: () => api.unlock(state.secret ? { secret } : {}),
    onSuccess: showAccess,
    onError: () => setSecret(''),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    unlock.mutate();
  };
  const asked = state.secret === 'pin' ? 'PIN' : 'password';
  return (
    <Center mih="100vh" bg="gray.1">
      <Paper withBorder shadow="sm" p="xl" maw={440} w="100%">
        <form onSubmit={submit} noValidate aria-label="Unlock ClaimDesk">
          <Stack gap="sm">
            <Title order={1} size="h3">
              ClaimDesk is locked
            </Title>
            <Text size="sm">
              Signed in as <strong>{state.user.displayName}</strong> ({state.user.username}).
              Patient information is hidden until you sign in again.
            </Text>
            {state.secret ? (
              <PasswordInput
                label={`Your ClaimDesk ${asked}`}
                autoComplete="off"
                inputMode={state.secret === 'pin' ? 'numeric' : undefined}
                data-autofocus
                autoFocus
                required
                value={secret}
                onChange={(e) => setSecret(e.currentTarget.value)}
              />
            ) : (
              <Text size="sm" c="dimmed">
                Not {state.user.displayName}? Lock the computer and sign in to it under your own
                name.
              </Text>
            )}
            <FormError error={unlock.error} fields={[]} />
            <Button type="submit" loading={unlock.isPending} autoFocus={!state.secret}>
              Unlock
            </Button>
            <Text size="xs" c="dimmed">
              ClaimDesk locks after {state.idleLockMinutes} minutes without a key or the mouse
              touched (a billing rule a supervisor sets).
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
