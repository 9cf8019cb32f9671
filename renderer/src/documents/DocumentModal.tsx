import { Group, Modal, Stack } from '@mantine/core';
import { messageOf } from '../app/query';
import { ErrorState, LoadingState } from '../components/States';
import { DocumentWarnings } from './DocumentWarnings';
import { useKeepEscape } from './keep-escape';
import { PdfActions } from './PdfActions';
import { PdfPreview } from './PdfPreview';
import { useDocumentFile } from './queries';

/** A filed document opened again: its pages, Print and Save a copy. */
export function DocumentModal({
  documentId,
  title,
  onClose,
}: {
  documentId: number;
  title: string;
  onClose: () => void;
}) {
  const file = useDocumentFile(documentId);
  useKeepEscape();
  let body;
  if (file.isPending) body = <LoadingState label="Opening the document…" />;
  else if (file.isError)
    body = (
      <ErrorState
        title="The document could not be opened"
        message={messageOf(file.error)}
        onRetry={() => void file.refetch()}
      />
    );
  else
    body = (
      <Stack gap="xs">
        <Group justify="space-between">
          <PdfActions file={file.data} hotkeys />
        </Group>
        <DocumentWarnings warnings={file.data.warnings} title="Printed without data" />
        <PdfPreview
          file={file.data}
          label={`Preview of ${title}`}
          maxHeight="calc(100vh - 220px)"
        />
      </Stack>
    );
  return (
    <Modal opened onClose={onClose} title={title} size={980}>
      {body}
    </Modal>
  );
}
