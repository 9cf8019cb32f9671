import { Alert, Button, Group, Image, Modal, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { CorrespondenceFile, CorrespondenceView } from '../../../shared/api/correspondence';
import { CORRESPONDENCE_TYPE } from '../../../shared/api/correspondence';
import { api } from '../app/api';
import { messageOf } from '../app/query';
import { ErrorState, LoadingState } from '../components/States';
import { base64ToBytes } from '../documents/pdf';
import { useKeepEscape } from '../documents/keep-escape';
import { PdfPreview } from '../documents/PdfPreview';
import { downloadBlob } from '../export/download';

const MIME: Record<CorrespondenceFile['media'], string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  tiff: 'image/tiff',
};

function saveScan(file: CorrespondenceFile): void {
  downloadBlob(
    file.fileName,
    new Blob([base64ToBytes(file.dataBase64)], { type: MIME[file.media] }),
  );
}

/** A filed scan opened from the database's own copy: a PDF's pages, or the image. */
export function ScanModal({ scan, onClose }: { scan: CorrespondenceView; onClose: () => void }) {
  const file = useQuery({
    queryKey: ['correspondenceFile', scan.correspondenceId],
    queryFn: () => api.getCorrespondenceFile({ correspondenceId: scan.correspondenceId }),
    // a filed scan does not change; one that did is refused by the main process
    staleTime: Infinity,
  });
  // Escape closes the scan, not the account behind it
  useKeepEscape();
  const title = `${CORRESPONDENCE_TYPE.labels[scan.type]}: ${scan.originalName}`;
  let body;
  if (file.isPending) body = <LoadingState label="Opening the scan…" />;
  else if (file.isError)
    body = (
      <ErrorState
        title="The scan could not be opened"
        message={messageOf(file.error)}
        onRetry={() => void file.refetch()}
      />
    );
  else {
    const f = file.data;
    body = (
      <Stack gap="xs">
        <Group>
          <Button variant="default" onClick={() => saveScan(f)}>
            Save a copy
          </Button>
          <Text size="xs" c="dimmed" className="tabular">
            SHA-256 {scan.sha256}
          </Text>
        </Group>
        {f.media === 'pdf' ? (
          <PdfPreview
            file={{ fileName: f.fileName, pdfBase64: f.dataBase64, pages: 0, warnings: [] }}
            label={`Preview of ${scan.originalName}`}
            maxHeight="calc(100vh - 220px)"
          />
        ) : f.media === 'tiff' ? (
          <Alert color="gray" title="A TIFF image is not shown in this window">
            Save a copy to open it in the computer&apos;s image viewer; the copy is the filed file.
          </Alert>
        ) : (
          <Image
            src={`data:${MIME[f.media]};base64,${f.dataBase64}`}
            alt={`Scan of ${scan.originalName}`}
            fit="contain"
            mah="calc(100vh - 220px)"
          />
        )}
      </Stack>
    );
  }
  return (
    <Modal opened onClose={onClose} title={title} size={980}>
      {body}
    </Modal>
  );
}
