import {
  Alert,
  Button,
  FileButton,
  Group,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { OfficeServerTest, OfficeServerView } from '../../../shared/api/office';
import { api } from '../app/api';
import { fieldErrors, invalidateAll, messageOf, queryClient } from '../app/query';
import { FormError } from '../components/FormError';
import { QueryState } from '../components/States';
import { ConfirmModal } from '../letters/ConfirmModal';
import { OfficeMembership } from './OfficeMembership';
import {
  OFFICE_FIELDS,
  officeFormOf,
  officeRequest,
  PORT_PROBLEM,
  type OfficeForm,
} from './office-form';

const OFFICE_SERVER_KEY = ['office', 'server'] as const;

function CaFile({ onText }: { onText: (text: string | null, problem: string | null) => void }) {
  const pick = async (file: File | null) => {
    if (!file) return;
    if (file.size > 100_000) return onText(null, `${file.name} is too large for a CA certificate.`);
    try {
      onText(await file.text(), null);
    } catch (e) {
      onText(null, messageOf(e));
    }
  };
  return (
    <FileButton
      onChange={(f) => void pick(f)}
      accept=".pem,.crt,.cer"
      inputProps={{ 'aria-label': 'CA certificate file' }}
    >
      {(props) => (
        <Button {...props} variant="default" size="compact-sm">
          Choose a .pem or .crt file…
        </Button>
      )}
    </FileButton>
  );
}

function OfficeServerForm({ view }: { view: OfficeServerView }) {
  const [form, setForm] = useState<OfficeForm>(() => officeFormOf(view.server));
  const [portProblem, setPortProblem] = useState<string | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [tested, setTested] = useState<OfficeServerTest | null>(null);
  const [askDisconnect, setAskDisconnect] = useState(false);
  const test = useMutation({
    mutationFn: (request: Parameters<typeof api.testOfficeServer>[0]) =>
      api.testOfficeServer(request),
    onSuccess: setTested,
  });
  const saved = async (next: OfficeServerView, message: string) => {
    queryClient.setQueryData(OFFICE_SERVER_KEY, next);
    setForm(officeFormOf(next.server));
    setTested(null);
    notifications.show({ color: 'green', message });
    await invalidateAll();
  };
  const save = useMutation({
    mutationFn: (request: Parameters<typeof api.saveOfficeServer>[0]) =>
      api.saveOfficeServer(request),
    onSuccess: (next) =>
      saved(
        next,
        next.linked
          ? 'Office server saved. This desktop syncs with it now.'
          : 'Office server saved. This desktop syncs once it is part of the office.',
      ),
  });
  const disconnect = useMutation({
    mutationFn: () => api.disconnectOffice({}),
    onSuccess: (next) =>
      saved(next, 'Disconnected. Work done here is kept and sent once a server is set again.'),
  });
  const lastError = save.error ?? test.error;
  const errors = fieldErrors(lastError);
  const set = (key: keyof OfficeForm) => (value: string) => {
    setForm({ ...form, [key]: value });
    setTested(null);
    if (key === 'port') setPortProblem(null);
  };
  const request = () => {
    test.reset();
    save.reset();
    const read = officeRequest(form);
    setPortProblem(read ? null : PORT_PROBLEM);
    return read;
  };
  return (
    <form
      noValidate
      aria-label="Office server"
      onSubmit={(e) => {
        e.preventDefault();
        const r = request();
        if (r) save.mutate(r);
      }}
    >
      <Stack gap="sm" maw={720}>
        <Text size="sm" c="dimmed">
          The office’s PostgreSQL server, reached over TLS only: its certificate must be signed by
          the CA certificate below (or a CA this computer trusts) and made out for the server’s
          name. The password is kept in this computer’s key store and never shown.
        </Text>
        {!view.available && (
          <Alert color="yellow" title="Not available here">
            The office server can be set only in the ClaimDesk app on a workstation.
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="xs">
          <TextInput
            label="Server name or address"
            required
            value={form.host}
            onChange={(e) => set('host')(e.currentTarget.value)}
            error={errors.host}
            autoComplete="off"
          />
          <TextInput
            label="Port"
            required
            inputMode="numeric"
            value={form.port}
            onChange={(e) => set('port')(e.currentTarget.value)}
            error={portProblem ?? errors.port}
          />
          <TextInput
            label="Database"
            required
            value={form.database}
            onChange={(e) => set('database')(e.currentTarget.value)}
            error={errors.database}
            autoComplete="off"
          />
          <TextInput
            label="User name"
            required
            value={form.user}
            onChange={(e) => set('user')(e.currentTarget.value)}
            error={errors.user}
            autoComplete="off"
          />
          <PasswordInput
            label="Password"
            description={
              view.passwordSet ? 'A password is set. Leave this empty to keep it.' : undefined
            }
            required={!view.passwordSet}
            value={form.password}
            onChange={(e) => set('password')(e.currentTarget.value)}
            error={errors.password}
            autoComplete="new-password"
          />
        </SimpleGrid>
        <Textarea
          label="CA certificate"
          description="Paste the PEM text of the CA that signed the server’s certificate, or choose its file. Leave empty to trust the CAs this computer trusts."
          autosize
          minRows={3}
          maxRows={8}
          value={form.caPem}
          onChange={(e) => set('caPem')(e.currentTarget.value)}
          error={fileProblem ?? errors.caPem}
          styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
        />
        <Group>
          <CaFile
            onText={(text, problem) => {
              setFileProblem(problem);
              if (text !== null) set('caPem')(text);
            }}
          />
        </Group>
        {tested && (
          <Alert
            color={tested.ok ? 'green' : 'red'}
            role={tested.ok ? 'status' : 'alert'}
            title={tested.ok ? 'Connected' : 'Not connected'}
          >
            {tested.message}
          </Alert>
        )}
        <FormError error={lastError} fields={OFFICE_FIELDS} />
        <Group>
          <Button
            variant="default"
            loading={test.isPending}
            onClick={() => {
              const r = request();
              if (r) test.mutate(r);
            }}
          >
            Test connection
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save
          </Button>
          {view.server && (
            <Button
              variant="subtle"
              color="red"
              loading={disconnect.isPending}
              onClick={() => setAskDisconnect(true)}
            >
              Disconnect…
            </Button>
          )}
        </Group>
        {askDisconnect && (
          <ConfirmModal
            title="Disconnect from the office server?"
            confirmLabel="Disconnect"
            confirmColor="red"
            onClose={() => setAskDisconnect(false)}
            onConfirm={() => {
              setAskDisconnect(false);
              disconnect.mutate();
            }}
          >
            <Text size="sm">
              This desktop forgets the server’s address and password and stops syncing.
              {view.linked
                ? ' Work done here meanwhile is kept and sent once a server is set again; the other desktops’ work does not reach it until then.'
                : ''}
            </Text>
          </ConfirmModal>
        )}
        {disconnect.error && (
          <Text size="sm" c="red" role="alert">
            {messageOf(disconnect.error)}
          </Text>
        )}
      </Stack>
    </form>
  );
}

/** A supervisor's settings of the office's server: address, user, password, CA certificate. */
export function OfficeServerPanel() {
  const server = useQuery({
    queryKey: OFFICE_SERVER_KEY,
    queryFn: () => api.getOfficeServer({}),
  });
  if (!server.data) return <QueryState query={server} what="the office server settings" />;
  return (
    <Stack gap="xl">
      <OfficeServerForm view={server.data} />
      <OfficeMembership view={server.data} />
    </Stack>
  );
}
