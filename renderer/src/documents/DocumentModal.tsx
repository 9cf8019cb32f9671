import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api } from '../app/api';
import { messageOf } from '../app/query';
import { ErrorState, LoadingState } from '../components/States';
import { DocumentWarnings } from './DocumentWarnings';
import { useKeepEscape } from './keep-escape';
import { PdfActions } from './PdfActions';
import { PdfPreview } from './PdfPreview';
import { useDocumentFile } from './queries';

/**
 * Lays a filed letter out again from the facts it printed and compares the fingerprints:
 * proof that the file on record is the letter that went out.
 */
function ReproduceCheck({ documentId }: { documentId: number }) {
  // a read, run on request only: a mutation is the hook for a button that fetches once
  const check = useMutation({ mutationFn: () => api.reproduceLetter({ documentId }) });
  const result = check.data;
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          loading={check.isPending}
          onClick={() => check.mutate()}
          title="Lay the letter out again from the facts it printed and compare it with the filed file"
        >
          Reproduce and compare
        </Button>
      </Group>
      {check.isError && (
        <Alert color="red" title="Could not reproduce the letter">
          {messageOf(check.error)}
        </Alert>
      )}
      {result && (
        <Alert
          color={result.identical ? 'green' : 'red'}
          title={
            result.identical
              ? 'Identical to the filed letter'
              : 'Differs from the filed letter: the file on record is not what its facts print'
          }
        >
          <Text size="xs" className="tabular">
            Reproduced SHA-256 {result.sha256}
            <br />
            Filed SHA-256 {result.filedSha256}
          </Text>
        </Alert>
      )}
    </Stack>
  );
}

/** A filed document opened again: its pages, Print and Save a copy. */
export function DocumentModal({
  documentId,
  title,
  reproducible = false,
  onClose,
}: {
  documentId: number;
  title: string;
  /** An appeal letter, which keeps the facts it printed and can be reproduced from them. */
  reproducible?: boolean;
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
        {reproducible && <ReproduceCheck documentId={documentId} />}
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
