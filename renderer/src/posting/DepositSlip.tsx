import { Button, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatUsDate, type IsoDate } from '../../../shared/dates/iso-date';
import { reportCsv } from '../../../shared/reports/format';
import { api } from '../app/api';
import { keys, messageOf } from '../app/query';
import { ErrorState, LoadingState } from '../components/States';
import { PdfActions } from '../documents/PdfActions';
import { PdfPreview } from '../documents/PdfPreview';
import { downloadText } from '../export/download';

/** The printed deposit slip, opened as letters are: its pages, Print and Save a copy. */
function DepositSlipModal({ day, onClose }: { day: IsoDate; onClose: () => void }) {
  const file = useQuery({
    queryKey: [...keys.cash(day), 'slip-pdf'],
    queryFn: () => api.getDepositSlipPdf({ date: day }),
  });
  const title = `Deposit slip for ${formatUsDate(day)}`;
  return (
    <Modal opened onClose={onClose} title={title} size={980}>
      {file.isPending ? (
        <LoadingState label="Laying out the deposit slip…" />
      ) : file.isError ? (
        <ErrorState
          title="The deposit slip could not be laid out"
          message={messageOf(file.error)}
          onRetry={() => void file.refetch()}
        />
      ) : (
        <Stack gap="xs">
          <PdfActions file={file.data} hotkeys />
          <PdfPreview
            file={file.data}
            label={`Preview of the ${title.toLowerCase()}`}
            maxHeight="calc(100vh - 220px)"
          />
        </Stack>
      )}
    </Modal>
  );
}

/**
 * The day's deposit for the bank: a CSV file for the spreadsheet and the printed slip, both
 * made from the one deposit-slip report, so they say what the screen says.
 */
export function DepositSlipActions({ day, disabled }: { day: IsoDate; disabled: boolean }) {
  const [printing, setPrinting] = useState(false);
  const csv = useMutation({
    mutationFn: () => api.getDepositSlip({ date: day }),
    onSuccess: (report) => {
      const name = `deposit-slip-${day}.csv`;
      downloadText(name, reportCsv(report));
      notifications.show({ color: 'green', message: `Exported the deposit slip to ${name}.` });
    },
    onError: (e) =>
      notifications.show({
        color: 'red',
        title: 'The deposit slip could not be exported',
        message: messageOf(e),
      }),
  });
  return (
    <Group gap="xs">
      <Button
        variant="default"
        disabled={disabled}
        loading={csv.isPending}
        onClick={() => csv.mutate()}
        aria-label="Export CSV of the deposit slip"
      >
        Export CSV
      </Button>
      <Button variant="default" disabled={disabled} onClick={() => setPrinting(true)}>
        Print deposit slip
      </Button>
      {printing && <DepositSlipModal day={day} onClose={() => setPrinting(false)} />}
    </Group>
  );
}
