import { Alert, Button, Center, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { AccessState } from '../../../shared/api/access';
import { api } from '../app/api';
import { fieldErrors } from '../app/query';
import { FormError } from '../components/FormError';
import { showAccess, useAccessState } from './access';

/** Emergency access lasts this long (the main process decides; this is what it says). */
const EMERGENCY_HOURS = 4;

/**
 * A sign-in name ClaimDesk has not seen before: no patient data until a supervisor
 * allows it, or until the person starts emergency access, which supervisors see after.
 */
export function WaitingScreen({ state }: { state: AccessState }) {
  const access = useAccessState();
  const [reason, setReason] = useState('');
  const [asking, setAsking] = useState(false);
  const start = useMutation({
    mutationFn: () => api.startEmergencyAccess({ reason }),
    onSuccess: showAccess,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate();
  };
  return (
    <Center mih="100vh" bg="gray.1">
      <Paper withBorder shadow="sm" p="xl" maw={560} w="100%">
        <Stack gap="sm">
          <Title order={1} size="h3">
            Waiting for a supervisor
          </Title>
          <Text>
            Your sign-in name <strong>{state.user.username}</strong> is waiting for a supervisor to
            allow it.
          </Text>
          <Text size="sm" c="dimmed">
            A supervisor allows new names in ClaimDesk under Settings, Users. This screen opens
            ClaimDesk by itself once they have.
          </Text>
          <Button
            variant="default"
            onClick={() => void access.refetch()}
            loading={access.isFetching}
          >
            Check again
          </Button>
          {!asking ? (
            <Button variant="subtle" color="red" onClick={() => setAsking(true)}>
              No supervisor here? Emergency access…
            </Button>
          ) : (
            <form onSubmit={submit} noValidate aria-label="Emergency access">
              <Stack gap="xs">
                <Alert color="red" variant="light" title="Emergency access">
                  Only when patient care or a deadline cannot wait for a supervisor. It lasts{' '}
                  {EMERGENCY_HOURS} hours, is recorded with your name, the time and your reason, and
                  every supervisor sees it and must acknowledge it.
                </Alert>
                <Textarea
                  label="Why you need access now"
                  required
                  autosize
                  minRows={2}
                  maxLength={500}
                  data-autofocus
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  error={fieldErrors(start.error).reason}
                />
                <FormError error={start.error} fields={['reason']} />
                <Button type="submit" color="red" loading={start.isPending}>
                  Start emergency access
                </Button>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
