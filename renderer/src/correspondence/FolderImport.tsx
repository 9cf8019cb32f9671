import { Alert, Button, FileButton, Group, Radio, Stack, Table, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import {
  CORRESPONDENCE_TYPE,
  type CorrespondenceFolderPreview,
  type CorrespondenceType,
} from '../../../shared/api/correspondence';
import { isIsoDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { fieldErrors, invalidateAll, keys, messageOf } from '../app/query';
import { navigate } from '../app/router';
import { Section } from '../components/Section';
import { baseName, readScan, SCAN_ACCEPT, type ScanToSend } from './read-scan';
import { fileSize } from '../../../shared/text/fingerprint';

/**
 * A folder of scans whose names begin with account numbers ("A-1042 - letter.pdf"),
 * previewed file by file, then filed all or nothing.
 */
export function CorrespondenceFolderImport() {
  const [files, setFiles] = useState<ScanToSend[] | null>(null);
  const [type, setType] = useState<CorrespondenceType | null>(null);
  const info = useQuery({ queryKey: keys.appInfo, queryFn: () => api.getAppInfo({}) });
  // today until the person picks another date
  const [picked, setReceivedDate] = useState<string | null | undefined>(undefined);
  const receivedDate = picked === undefined ? (info.data?.today ?? null) : picked;
  const reset = useRef<() => void>(null);
  const input = () => ({
    type: type ?? ('' as CorrespondenceType),
    receivedDate: receivedDate ?? '',
    files: files ?? [],
  });
  const ready = files !== null && files.length > 0 && type !== null && receivedDate !== null;
  const preview = useQuery({
    queryKey: ['correspondenceFolder', files, type, receivedDate],
    queryFn: () => api.previewCorrespondenceFolder(input()),
    enabled: ready,
    staleTime: Infinity,
  });
  const file = useMutation({
    mutationFn: () => api.importCorrespondenceFolder(input()),
    onSuccess: async (r) => {
      notifications.show({ color: r.filed > 0 ? 'green' : 'blue', message: r.message });
      await invalidateAll();
    },
  });
  // returned envelopes filed: the same account numbers go through the account's returned mail
  const filedNumbers = (): string[] => {
    const ids = new Set(file.data?.accountIds ?? []);
    const rows = preview.data?.rows ?? [];
    return [
      ...new Set(
        rows
          .filter((r) => r.accountId !== null && ids.has(r.accountId))
          .flatMap((r) => (r.accountNumber ? [r.accountNumber] : [])),
      ),
    ];
  };
  const returned = useMutation({
    mutationFn: () =>
      api.recordReturnedMailBatch({
        accountNumbers: filedNumbers(),
        receivedOn: receivedDate ?? '',
      }),
    onSuccess: async () => {
      await invalidateAll();
    },
  });
  const pick = async (picked: File[]) => {
    returned.reset();
    file.reset();
    const read = await Promise.all(
      picked.map(async (f) => ({ ...(await readScan(f)), fileName: baseName(f) })),
    );
    setFiles(read.sort((a, b) => a.fileName.localeCompare(b.fileName)));
    reset.current?.();
  };
  const errors = fieldErrors(file.error);

  return (
    <Section title="Scanned mail by account number" id="correspondence-folder-title">
      <Stack gap="sm">
        <Text size="sm">
          Choose a folder (or files) of scans whose names begin with the account number, as in
          &ldquo;A-1042 - letter from payer.pdf&rdquo; or &ldquo;A-1042_returned.tif&rdquo;. Each is
          previewed below; the folder is filed whole or not at all.
        </Text>
        <Group gap="sm">
          <FileButton
            multiple
            onChange={(f) => void pick(f)}
            resetRef={reset}
            // a folder picker: Chromium's attribute, not in React's input types
            ref={(el) => el?.setAttribute('webkitdirectory', '')}
            inputProps={{ 'aria-label': 'Folder of scans' }}
          >
            {(p) => <Button {...p}>Choose a folder…</Button>}
          </FileButton>
          <FileButton
            multiple
            onChange={(f) => void pick(f)}
            accept={SCAN_ACCEPT}
            inputProps={{ 'aria-label': 'Scanned files' }}
          >
            {(p) => (
              <Button {...p} variant="default">
                Choose files…
              </Button>
            )}
          </FileButton>
          {files && (
            <Text size="sm">
              {files.length} file{files.length === 1 ? '' : 's'} chosen
            </Text>
          )}
        </Group>
        <Group align="flex-start" gap="xl">
          <Radio.Group
            label="What they are"
            required
            value={type}
            onChange={(v) => setType(CORRESPONDENCE_TYPE.keys.find((k) => k === v) ?? null)}
          >
            <Group gap="md" mt={6}>
              {CORRESPONDENCE_TYPE.keys.map((k) => (
                <Radio key={k} value={k} label={CORRESPONDENCE_TYPE.labels[k]} />
              ))}
            </Group>
          </Radio.Group>
          <DateInput
            label="Date received"
            required
            w={160}
            valueFormat="MM/DD/YYYY"
            value={receivedDate}
            maxDate={info.data?.today}
            onChange={(v) => setReceivedDate(v && isIsoDate(v) ? v : null)}
            error={errors.receivedDate}
          />
        </Group>
        {preview.isError && (
          <Alert color="red" role="alert" title="The folder could not be read">
            {messageOf(preview.error)}
          </Alert>
        )}
        {/* once filed, the result stands in its place: a fresh preview would say "filed before" */}
        {preview.data && !file.data && <PreviewTable preview={preview.data} />}
        {file.isError && (
          <Alert color="red" role="alert" title="Nothing was filed">
            {messageOf(file.error)}
          </Alert>
        )}
        {file.data && (
          <Alert color="green" role="status" title="Filed">
            {file.data.message}
          </Alert>
        )}
        {file.data && file.data.filed > 0 && type === 'returned_mail' && (
          <Alert color="orange" title="Mark these addresses bad?">
            <Stack gap="xs">
              <Text size="sm">
                The envelopes came back from {filedNumbers().length} account
                {filedNumbers().length === 1 ? '' : 's'}: {filedNumbers().join(', ')}. Marking their
                guarantors&apos; addresses bad holds statements and opens a skip-trace follow-up on
                each until a new address is recorded.
              </Text>
              {returned.isError && (
                <Text size="sm" c="red.8" role="alert">
                  {messageOf(returned.error)}
                </Text>
              )}
              {returned.isSuccess ? (
                <Text size="sm" role="status">
                  Returned mail recorded on {returned.data.accountIds.length} account
                  {returned.data.accountIds.length === 1 ? '' : 's'}; statements hold and{' '}
                  {returned.data.followUpsOpened} skip-trace follow-up
                  {returned.data.followUpsOpened === 1 ? '' : 's'} opened.
                </Text>
              ) : (
                <Group>
                  <Button
                    color="orange"
                    onClick={() => returned.mutate()}
                    loading={returned.isPending}
                  >
                    Mark the addresses bad
                  </Button>
                </Group>
              )}
            </Stack>
          </Alert>
        )}
        <Group>
          {!file.data && (
            <Button
              onClick={() => file.mutate()}
              loading={file.isPending}
              disabled={!preview.data || preview.data.problems > 0 || file.isSuccess}
            >
              {preview.data
                ? `File ${preview.data.toFile} scan${preview.data.toFile === 1 ? '' : 's'}`
                : 'File the scans'}
            </Button>
          )}
          {file.data && file.data.accountIds.length === 1 && (
            <Button
              variant="default"
              onClick={() => navigate(`/accounts/${file.data.accountIds[0]}`)}
            >
              Open the account
            </Button>
          )}
        </Group>
      </Stack>
    </Section>
  );
}

function PreviewTable({ preview }: { preview: CorrespondenceFolderPreview }) {
  return (
    <Stack gap={4}>
      <Text size="sm" role="status">
        {preview.toFile} to file, {preview.alreadyFiled} filed before, {preview.problems} that
        cannot be filed
        {preview.problems > 0 ? ': take them out of the folder or fix their names.' : '.'}
      </Text>
      <Table aria-label="Scans in the folder" withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>File</Table.Th>
            <Table.Th>Account</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th ta="right">Size</Table.Th>
            <Table.Th>What happens</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.rows.map((r) => (
            <Table.Tr key={r.fileName}>
              <Table.Td>{r.fileName}</Table.Td>
              <Table.Td className="tabular">{r.accountNumber ?? '—'}</Table.Td>
              <Table.Td>{r.media?.toUpperCase() ?? '—'}</Table.Td>
              <Table.Td ta="right" className="tabular">
                {fileSize(r.bytes)}
              </Table.Td>
              <Table.Td>
                {r.problem ? (
                  <Text size="sm" c="red.8">
                    {r.problem}
                  </Text>
                ) : r.alreadyFiled ? (
                  'Filed before; nothing new'
                ) : (
                  'Filed on the account'
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
