import { Alert, Button, FileButton, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import {
  CORRESPONDENCE_TYPE,
  type CorrespondenceFiled,
  type CorrespondenceType,
} from '../../../shared/api/correspondence';
import { isIsoDate, type IsoDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { fieldErrors, invalidateAll } from '../app/query';
import { FormError } from '../components/FormError';
import { useKeepEscape } from '../documents/keep-escape';
import { baseName, readScan, SCAN_ACCEPT } from './read-scan';
import { fileSize } from '../../../shared/text/fingerprint';

/**
 * Files one scan on the account: the file (dropped on the card or chosen here), what it
 * is, and when it came. Returned mail then offers the account's own "mail came back".
 */
export function FileScanModal(props: {
  accountId: number;
  today: IsoDate;
  dropped: File | null;
  onReturnedMail: () => void;
  onClose: () => void;
}) {
  const [file, setFile] = useState<File | null>(props.dropped);
  const [type, setType] = useState<CorrespondenceType | null>(null);
  const [receivedDate, setReceivedDate] = useState<string | null>(props.today);
  const [filed, setFiled] = useState<CorrespondenceFiled | null>(null);
  // Escape closes the form, not the account behind it
  useKeepEscape();
  const save = useMutation({
    mutationFn: async () =>
      api.fileCorrespondence({
        accountId: props.accountId,
        type: type ?? ('' as CorrespondenceType),
        receivedDate: receivedDate ?? '',
        file: file
          ? { ...(await readScan(file)), fileName: baseName(file) }
          : { fileName: '', size: 0, dataBase64: '' },
      }),
    onSuccess: async (r) => {
      notifications.show({ color: r.alreadyFiled ? 'blue' : 'green', message: r.message });
      await invalidateAll();
      if (r.correspondence.type === 'returned_mail' && !r.alreadyFiled) setFiled(r);
      else props.onClose();
    },
  });
  const errors = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  if (filed) {
    return (
      <Modal opened onClose={props.onClose} title="Returned mail filed">
        <Stack gap="sm">
          <Text size="sm">{filed.message}</Text>
          <Text size="sm">
            Mark the guarantor&apos;s address bad as well? Statements then hold and a skip-trace
            follow-up opens until a new address is recorded.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Not now
            </Button>
            <Button color="orange" onClick={props.onReturnedMail} data-autofocus>
              Mark the address bad…
            </Button>
          </Group>
        </Stack>
      </Modal>
    );
  }
  return (
    <Modal opened onClose={props.onClose} title="File correspondence">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Group gap="sm" align="center">
            <FileButton
              onChange={setFile}
              accept={SCAN_ACCEPT}
              inputProps={{ 'aria-label': 'Scanned file' }}
            >
              {(p) => (
                <Button {...p} variant="default" data-autofocus={file ? undefined : true}>
                  {file ? 'Choose another file…' : 'Choose a file…'}
                </Button>
              )}
            </FileButton>
            <Text size="sm" aria-live="polite">
              {file ? `${baseName(file)} (${fileSize(file.size)})` : 'No file chosen'}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            A scanned PDF, PNG, JPEG or TIFF, up to 15 MB. The same file filed twice on this account
            is kept once.
          </Text>
          {errors.file && (
            <Alert color="red" p="xs" role="alert">
              {errors.file}
            </Alert>
          )}
          <Radio.Group
            label="What it is"
            required
            value={type}
            onChange={(v) => setType(CORRESPONDENCE_TYPE.keys.find((k) => k === v) ?? null)}
            error={errors.type}
          >
            <Stack gap={6} mt={6}>
              {CORRESPONDENCE_TYPE.keys.map((k) => (
                <Radio key={k} value={k} label={CORRESPONDENCE_TYPE.labels[k]} />
              ))}
            </Stack>
          </Radio.Group>
          <DateInput
            label="Date received"
            required
            valueFormat="MM/DD/YYYY"
            value={receivedDate}
            maxDate={props.today}
            onChange={(v) => setReceivedDate(v && isIsoDate(v) ? v : null)}
            error={errors.receivedDate}
          />
          <FormError error={save.error} fields={['file', 'type', 'receivedDate']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!file || !type}>
              File it
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
