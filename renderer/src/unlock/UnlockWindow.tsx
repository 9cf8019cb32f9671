import { Alert, Button, Center, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { UnlockBridge, UnlockState } from '../../../shared/unlock';
import { REASON_TEXT, refusedText } from './reasons';

type Phase =
  | { step: 'typing'; message: string | null; refused: number }
  | { step: 'checking'; refused: number }
  | { step: 'opened' };

/**
 * Asks for the recovery key before the database is open. No patient data exists here: the
 * window says why it asks, takes the key, and the main process checks it (a wrong one
 * changes nothing; a right one is kept for this computer and the database opens).
 */
export function UnlockWindow({ bridge }: { bridge: UnlockBridge }) {
  const [state, setState] = useState<UnlockState | null>(null);
  const [failed, setFailed] = useState(false);
  const [typed, setTyped] = useState('');
  const [phase, setPhase] = useState<Phase>({ step: 'typing', message: null, refused: 0 });

  useEffect(() => {
    bridge.state().then(
      (s) => {
        setState(s);
        setPhase({ step: 'typing', message: null, refused: s.refused });
      },
      () => setFailed(true),
    );
  }, [bridge]);

  const refused = phase.step === 'opened' ? 0 : phase.refused;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (phase.step !== 'typing') return;
    setPhase({ step: 'checking', refused });
    bridge.submit(typed).then(
      (answer) => {
        // a key that opened the database does not stay on the screen
        if (answer.ok) setTyped('');
        setPhase(
          answer.ok
            ? { step: 'opened' }
            : { step: 'typing', message: answer.message, refused: answer.refused },
        );
      },
      () =>
        setPhase({
          step: 'typing',
          message: 'ClaimDesk could not check the key. Try again, or quit and start it again.',
          refused,
        }),
    );
  };

  return (
    <Center mih="100vh" bg="gray.1" p="md">
      <Paper withBorder shadow="sm" p="xl" maw={520} w="100%">
        <form onSubmit={submit} noValidate aria-label="Open the encrypted database">
          <Stack gap="sm">
            <Title order={1} size="h3">
              The recovery key is needed
            </Title>
            {failed && (
              <Alert color="red" role="alert">
                This window cannot reach ClaimDesk. Quit and start ClaimDesk again.
              </Alert>
            )}
            {state && <Text size="sm">{REASON_TEXT[state.reason]}</Text>}
            <Text size="sm">
              Type the recovery key the supervisor was given when the database was encrypted: eight
              groups of four letters and digits, with or without the dashes. ClaimDesk then keeps
              the key for this computer and will not ask here again. A wrong key changes nothing.
            </Text>
            <TextInput
              label="Recovery key"
              placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              data-autofocus
              autoFocus
              required
              maxLength={200}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              value={typed}
              disabled={phase.step !== 'typing'}
              error={phase.step === 'typing' && phase.message ? phase.message : undefined}
              onChange={(e) => setTyped(e.currentTarget.value)}
            />
            {refusedText(refused) && (
              <Text size="xs" c="dimmed" role="status">
                {refusedText(refused)}
              </Text>
            )}
            {phase.step === 'opened' ? (
              <Alert color="green" role="status" title="The database opens">
                The key is kept for this computer. ClaimDesk is starting…
              </Alert>
            ) : (
              <Group justify="space-between">
                <Button variant="default" onClick={() => void bridge.quit()}>
                  Quit ClaimDesk
                </Button>
                <Button type="submit" loading={phase.step === 'checking'} disabled={!state}>
                  Open the database
                </Button>
              </Group>
            )}
            {state && (
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                Database: {state.databasePath}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              No recovery key? It was shown once to the supervisor who had the database encrypted.
              If it is lost, a supervisor on a computer that still opens the database can issue a
              new one (Office, Backups) and type it here.
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
