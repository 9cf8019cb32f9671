import { Alert, Button, FileButton, Group, Progress, Stack, Text } from '@mantine/core';
import { useRef } from 'react';
import { ImportReportView } from './ImportReportView';
import { useImportRun, type ImportProgress } from './useImportRun';
import { stepShare, stepText } from './watch-progress';

function megabytes(bytes: number): string {
  if (bytes === 0) return '0 KB';
  if (bytes < 1_000_000) return `${Math.max(1, Math.round(bytes / 1000))} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function ProgressLine({ p }: { p: ImportProgress }) {
  // the file being posted counts by its claims, so one large file moves the bar too
  const bytes = p.bytesDone + p.currentBytes * stepShare(p.step);
  const share = p.bytesTotal > 0 ? (bytes / p.bytesTotal) * 100 : 0;
  const state = p.running
    ? `Importing ${p.current ?? ''}${p.step ? ` · ${stepText(p.step)}` : ''}`
    : p.cancelled && p.filesDone < p.filesTotal
      ? `Cancelled: ${p.filesTotal - p.filesDone} file${p.filesTotal - p.filesDone === 1 ? '' : 's'} not imported`
      : 'Done';
  return (
    <Stack gap={4}>
      <Progress
        value={share}
        size="lg"
        aria-label={`Files imported: ${p.filesDone} of ${p.filesTotal}`}
        animated={p.running}
      />
      <Text size="sm" role="status" aria-live="polite">
        {p.filesDone} of {p.filesTotal} file{p.filesTotal === 1 ? '' : 's'} ·{' '}
        {megabytes(Math.round(bytes))} of {megabytes(p.bytesTotal)} ({Math.round(share)}%) · {state}
      </Text>
    </Stack>
  );
}

/**
 * Remittance (835), claim status (277) and claim (837) files, picked one by one or as a whole folder,
 * read here and sent to be posted one file at a time, each with its report below.
 */
export function ImportFiles() {
  const { progress, outcomes, start, cancel } = useImportRun();
  const resetFiles = useRef<() => void>(null);
  const resetFolder = useRef<() => void>(null);
  const pick = (files: File[]) => {
    void start(files);
    // the same file picked again must still fire a change
    resetFiles.current?.();
    resetFolder.current?.();
  };
  return (
    <Stack gap="sm">
      <Group gap="sm">
        <FileButton
          multiple
          onChange={pick}
          resetRef={resetFiles}
          disabled={progress.running}
          accept=".835,.277,.837,.837i,.837p,.x12,.edi,.txt,.dat,text/plain"
          inputProps={{ 'aria-label': 'Files to import' }}
        >
          {(props) => (
            <Button {...props} disabled={progress.running}>
              Choose files…
            </Button>
          )}
        </FileButton>
        <FileButton
          multiple
          onChange={pick}
          resetRef={resetFolder}
          disabled={progress.running}
          // a folder picker: Chromium's attribute, not in React's input types
          ref={(el) => el?.setAttribute('webkitdirectory', '')}
          inputProps={{ 'aria-label': 'Folder to import' }}
        >
          {(props) => (
            <Button {...props} variant="default" disabled={progress.running}>
              Choose a folder…
            </Button>
          )}
        </FileButton>
        {progress.running && (
          <Button variant="outline" color="red" onClick={cancel} disabled={progress.cancelled}>
            Cancel
          </Button>
        )}
        <Text size="xs" c="dimmed">
          835 remittances, 277 claim status and 837 claim files, up to 50 MB each. Each file posts
          whole or not at all; a file imported before posts nothing again.
        </Text>
      </Group>
      {progress.filesTotal > 0 && <ProgressLine p={progress} />}
      {outcomes.map((o, i) =>
        'report' in o ? (
          <ImportReportView key={i} report={o.report} />
        ) : (
          <Alert key={i} color="red" title={o.fileName} role="alert" p="xs">
            {o.refused}
          </Alert>
        ),
      )}
    </Stack>
  );
}
