import { Anchor, Badge, Button, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type DragEvent } from 'react';
import { CORRESPONDENCE_TYPE, type CorrespondenceView } from '../../../shared/api/correspondence';
import type { AccountView } from '../../../shared/api/accounts';
import { api } from '../app/api';
import { ReturnedMailModal } from '../account/ReturnedMailModal';
import { Section } from '../components/Section';
import { QueryState } from '../components/States';
import { Timestamp, UsDate } from '../components/UsDate';
import { FileScanModal } from './FileScanModal';
import { fileSize } from '../../../shared/text/fingerprint';
import { ScanModal } from './ScanModal';
import './correspondence.css';

const MEDIA_LABEL: Record<CorrespondenceView['media'], string> = {
  pdf: 'PDF',
  png: 'PNG',
  jpeg: 'JPEG',
  tiff: 'TIFF',
};

type Dialog = { what: 'file'; dropped: File | null } | { what: 'returned' } | null;

/**
 * Scanned mail filed on the account: drop a scan on the card, or "File correspondence…"
 * from the keyboard; each opens again from the database's own copy.
 */
export function CorrespondenceCard({ view }: { view: AccountView }) {
  const accountId = view.account.id;
  const list = useQuery({
    queryKey: ['accountCorrespondence', accountId],
    queryFn: () => api.listAccountCorrespondence({ accountId }),
  });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [opened, setOpened] = useState<CorrespondenceView | null>(null);
  const [over, setOver] = useState(false);

  const onDragOver = (e: DragEvent) => {
    if (!e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) setDialog({ what: 'file', dropped: file });
  };

  let body;
  if (list.isPending || list.isError) body = <QueryState query={list} what="the correspondence" />;
  else if (list.data.length === 0)
    body = (
      <Text size="sm" c="dimmed">
        No correspondence filed yet.
      </Text>
    );
  else
    body = (
      <Table aria-label="Correspondence" withRowBorders={false}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>What</Table.Th>
            <Table.Th>Received</Table.Th>
            <Table.Th>Filed</Table.Th>
            <Table.Th ta="right">Size</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data.map((c) => (
            <Table.Tr key={c.correspondenceId}>
              <Table.Td>
                <Badge size="xs" variant="light" color="gray" tt="none" mr={6}>
                  {CORRESPONDENCE_TYPE.labels[c.type]}
                </Badge>
                {c.removedAt ? (
                  <Text size="sm" c="dimmed" component="span" title={`SHA-256 ${c.sha256}`}>
                    File deleted at de-identification
                  </Text>
                ) : (
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    onClick={() => setOpened(c)}
                    title={`Open the ${MEDIA_LABEL[c.media]} filed on the account`}
                  >
                    {c.originalName}
                  </Anchor>
                )}
              </Table.Td>
              <Table.Td>
                <UsDate value={c.receivedDate} />
              </Table.Td>
              <Table.Td>
                <Timestamp value={c.createdAt} /> {c.createdBy}
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                {fileSize(c.bytes)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    );

  return (
    <Section
      title="Correspondence"
      id="correspondence-title"
      actions={
        <Button
          size="compact-sm"
          variant="light"
          onClick={() => setDialog({ what: 'file', dropped: null })}
        >
          File correspondence…
        </Button>
      }
    >
      <div
        className="scan-drop"
        data-over={over || undefined}
        onDragOver={onDragOver}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        aria-label="Drop a scanned letter here to file it on the account"
        role="group"
      >
        <Text size="xs" c="dimmed" mb={body ? 4 : 0}>
          Drop a scanned letter here (PDF, PNG, JPEG or TIFF) to file it on the account.
        </Text>
        {body}
      </div>
      {dialog?.what === 'file' && (
        <FileScanModal
          accountId={accountId}
          today={view.today}
          dropped={dialog.dropped}
          onReturnedMail={() => setDialog({ what: 'returned' })}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.what === 'returned' && (
        <ReturnedMailModal
          accountId={accountId}
          guarantorName={view.guarantor.fullName}
          today={view.today}
          batch={false}
          onClose={() => setDialog(null)}
        />
      )}
      {opened && <ScanModal scan={opened} onClose={() => setOpened(null)} />}
    </Section>
  );
}
