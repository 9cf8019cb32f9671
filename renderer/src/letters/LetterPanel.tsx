import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { DocumentView, PdfFile } from '../../../shared/api/documents';
import type { FollowUpView } from '../../../shared/api/accounts';
import type { DenialView } from '../../../shared/api/denials';
import type { IsoDate } from '../../../shared/dates/iso-date';
import { messageOf } from '../app/query';
import { DenialStateBadge } from '../components/DenialStateBadge';
import { ErrorState, LoadingState } from '../components/States';
import { Timestamp, UsDate } from '../components/UsDate';
import { DocumentWarnings } from '../documents/DocumentWarnings';
import { PdfActions } from '../documents/PdfActions';
import { PdfPreview } from '../documents/PdfPreview';
import type { useDocumentFile } from '../documents/queries';
import { MarkSentForm } from './MarkSentForm';

/* The right-hand side of the appeal editor: the letter previewed, or filed and then sent. */

function SentSummary({
  doc,
  denial,
  followUp,
}: {
  doc: DocumentView;
  denial: DenialView | undefined;
  followUp: FollowUpView | undefined;
}) {
  return (
    <Alert color="violet" title="Sent" role="status" p="xs">
      <Stack gap={4}>
        <Text size="sm">
          Marked sent on <UsDate value={doc.sentDate} />
          {doc.sentBy ? ` by ${doc.sentBy}` : ''}.
        </Text>
        {denial && (
          <Group gap={6} aria-label="Denial state" role="group">
            <Text size="sm">The denial is now</Text>
            <DenialStateBadge state={denial.state} />
          </Group>
        )}
        {followUp && (
          <Text size="sm" aria-label="Follow-up" role="group">
            Follow up with {denial?.payerName ?? 'the payer'} on{' '}
            <b>
              <UsDate value={followUp.dueDate} />
            </b>
            .
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

/** The filed letter: what was filed, marking it sent, and its PDF. */
export function FiledLetter({
  doc,
  file,
  today,
  denial,
  followUp,
  onSent,
}: {
  doc: DocumentView;
  file: ReturnType<typeof useDocumentFile>;
  today: IsoDate;
  denial: DenialView | undefined;
  followUp: FollowUpView | undefined;
  onSent: (doc: DocumentView) => void;
}) {
  return (
    <>
      <Alert color="green" title="Filed on the account" p="xs" role="status">
        <Text size="sm">
          <b>{doc.title}</b>, {doc.pages} page{doc.pages === 1 ? '' : 's'}, filed{' '}
          <Timestamp value={doc.createdAt} /> by {doc.createdBy}. It is listed under the
          account&apos;s documents.
        </Text>
      </Alert>
      <Group justify="space-between" wrap="nowrap">
        <PdfActions file={file.data ?? null} hotkeys />
      </Group>
      {doc.sentDate ? (
        <SentSummary doc={doc} denial={denial} followUp={followUp} />
      ) : (
        <Paper withBorder p="xs" radius="sm">
          <Title order={3} size="h6" mb={4}>
            Mark sent
          </Title>
          <MarkSentForm document={doc} today={today} onSent={onSent} />
        </Paper>
      )}
      <DocumentWarnings warnings={doc.warnings} title="Printed without data" />
      {file.isPending ? (
        <LoadingState label="Opening the filed letter…" />
      ) : file.isError ? (
        <ErrorState
          title="The filed letter could not be opened"
          message={messageOf(file.error)}
          onRetry={() => void file.refetch()}
        />
      ) : (
        <PdfPreview file={file.data} label="Filed letter" maxHeight="calc(100vh - 330px)" />
      )}
    </>
  );
}

/** A preview: not filed, and said to be out of date once the letter changes. */
export function LetterPreview({
  file,
  stale,
  updating,
  onUpdate,
}: {
  file: PdfFile;
  stale: boolean;
  updating: boolean;
  onUpdate: () => void;
}) {
  return (
    <>
      <Group justify="space-between" wrap="nowrap">
        <Badge color="gray" variant="outline" tt="none">
          Preview: not filed, not for sending
        </Badge>
      </Group>
      {stale && (
        <Alert color="yellow" p="xs" role="status">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">The letter changed since this preview.</Text>
            <Button size="compact-sm" variant="light" onClick={onUpdate} loading={updating}>
              Update preview
            </Button>
          </Group>
        </Alert>
      )}
      <DocumentWarnings warnings={file.warnings} title="Will print without data" />
      <PdfPreview file={file} label="Letter preview" maxHeight="calc(100vh - 250px)" />
    </>
  );
}
