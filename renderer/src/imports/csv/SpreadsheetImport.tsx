import { Alert, Button, FileButton, Group, Progress, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { CsvMapping } from '../../../../shared/api/csv';
import type { WorkProgress } from '../../../../shared/api/imports';
import {
  applicableColumns,
  columnProblems,
  suggestColumns,
  type CsvColumns,
} from '../../../../shared/csv/account-fields';
import { api } from '../../app/api';
import { invalidateAll, keys, messageOf } from '../../app/query';
import { FormError } from '../../components/FormError';
import { Section } from '../../components/Section';
import { QueryState } from '../../components/States';
import { ImportHistory } from '../ImportHistory';
import { stepShare, stepText, watchProgress } from '../watch-progress';
import { ColumnMapping } from './ColumnMapping';
import { CsvPreviewView } from './CsvPreviewView';
import { CsvReportView } from './CsvReportView';
import { megabytes, pickFile, type PickedFile } from './picked-file';
import { bestMapping, sameColumns } from './saved-mapping';

/** A bar that fills as the server counts the work, and stripes while it cannot yet. */
function Busy({ label, step = null }: { label: string; step?: WorkProgress | null }) {
  const counted = step !== null && step.total > 0;
  return (
    <Stack gap={4} maw={560}>
      <Progress
        value={counted ? stepShare(step) * 100 : 100}
        animated
        striped={!counted}
        size="lg"
        aria-label={label}
      />
      <Text size="sm" role="status" aria-live="polite">
        {step ? `${label} ${stepText(step)}` : label}
      </Text>
    </Stack>
  );
}

/**
 * Accounts with their balances from another system's spreadsheet: pick the CSV file, match
 * its columns to ClaimDesk's fields (and save that as a named mapping), preview what would
 * happen to every row, then import the rows that read cleanly. Rows with problems come
 * back as a file to fix and import again.
 */
export function SpreadsheetImport({ active }: { active: boolean }) {
  const mappings = useQuery({ queryKey: keys.csvMappings, queryFn: () => api.listCsvMappings({}) });
  const [reading, setReading] = useState<{ fileName: string; size: number } | null>(null);
  const [fileProblem, setFileProblem] = useState<{ fileName: string; problem: string } | null>(
    null,
  );
  const [file, setFile] = useState<PickedFile | null>(null);
  const [columns, setColumns] = useState<CsvColumns>({});
  const [applied, setApplied] = useState<CsvMapping | null>(null);
  const resetPicker = useRef<() => void>(null);

  const preview = useMutation({
    mutationFn: (f: PickedFile) =>
      api.previewCsvImport({ fileName: f.fileName, text: f.text, columns }),
  });
  // the mapping that was applied is named in the account history only if used unchanged
  const mappingName =
    file && applied && sameColumns(columns, applicableColumns(applied.columns, file.headers))
      ? applied.name
      : null;
  const [step, setStep] = useState<WorkProgress | null>(null);
  const run = useMutation({
    mutationFn: (f: PickedFile) =>
      watchProgress(
        api.importCsv({ fileName: f.fileName, text: f.text, columns, mappingName }),
        setStep,
      ),
    onSuccess: () => invalidateAll(),
  });

  const startOver = () => {
    setFile(null);
    setFileProblem(null);
    setColumns({});
    setApplied(null);
    preview.reset();
    run.reset();
  };

  const pick = async (picked: File | null) => {
    resetPicker.current?.();
    if (!picked) return;
    startOver();
    setReading({ fileName: picked.name, size: picked.size });
    try {
      const outcome = await pickFile(picked);
      if (!outcome.ok) {
        setFileProblem({ fileName: picked.name, problem: outcome.problem });
        return;
      }
      const best = bestMapping(mappings.data?.mappings ?? [], outcome.file.headers);
      setFile(outcome.file);
      setApplied(best ?? null);
      setColumns(best ? best.columns : suggestColumns(outcome.file.headers));
    } catch (e) {
      setFileProblem({ fileName: picked.name, problem: messageOf(e) });
    } finally {
      setReading(null);
    }
  };

  const changeColumns = (next: CsvColumns) => {
    setColumns(next);
    preview.reset();
  };
  const apply = (m: CsvMapping | null) => {
    setApplied(m);
    if (m && file) changeColumns(applicableColumns(m.columns, file.headers));
  };

  if (mappings.isPending || mappings.isError)
    return <QueryState query={mappings} what="the saved mappings" />;
  const canImport = mappings.data.canImport;
  const ready = file !== null && columnProblems(columns, file.headers).length === 0;

  return (
    <Stack gap="md">
      <Section title="Accounts from a spreadsheet" id="csv-file-title">
        <Stack gap="sm">
          <Group gap="sm">
            <FileButton
              onChange={(f) => void pick(f)}
              resetRef={resetPicker}
              accept=".csv,text/csv"
              disabled={reading !== null || run.isPending}
              inputProps={{ 'aria-label': 'Spreadsheet to import' }}
            >
              {(props) => (
                <Button {...props} disabled={reading !== null || run.isPending}>
                  Choose a CSV file…
                </Button>
              )}
            </FileButton>
            {file && !run.isPending && (
              <Button variant="subtle" onClick={startOver}>
                Start over
              </Button>
            )}
            <Text size="xs" c="dimmed" maw={640}>
              Accounts with their insurance and patient balances, saved from a spreadsheet as CSV
              (comma delimited), up to 50 MB. Accounts already in ClaimDesk are left alone.
            </Text>
          </Group>
          {reading && <Busy label={`Reading ${reading.fileName} (${megabytes(reading.size)})…`} />}
          {fileProblem && (
            <Alert
              color="red"
              title={`${fileProblem.fileName} cannot be imported`}
              role="alert"
              p="xs"
            >
              {fileProblem.problem}
            </Alert>
          )}
          {file && (
            <Text size="sm">
              <strong>{file.fileName}</strong> · {megabytes(file.size)} · {file.headers.length}{' '}
              columns
            </Text>
          )}
        </Stack>
      </Section>

      {file && !run.data && (
        <Section title="Match the columns" id="csv-columns-title">
          <Stack gap="sm">
            <ColumnMapping
              file={file}
              columns={columns}
              onChange={changeColumns}
              mappings={mappings.data}
              applied={applied}
              onApply={apply}
            />
            <Group>
              <Button
                onClick={() => preview.mutate(file)}
                disabled={!ready}
                loading={preview.isPending}
              >
                Preview
              </Button>
            </Group>
            <FormError error={preview.error} />
          </Stack>
        </Section>
      )}

      {file && preview.isPending && <Busy label={`Checking every row of ${file.fileName}…`} />}

      {file && preview.data && !run.data && (
        <Section title="Preview" id="csv-preview-title">
          <Stack gap="sm">
            <CsvPreviewView preview={preview.data} />
            {run.isPending ? (
              <Stack gap="xs">
                <Busy
                  label={`Importing ${preview.data.validCount.toLocaleString('en-US')} accounts from ${file.fileName}.`}
                  step={step}
                />
                <Group>
                  <Button
                    variant="outline"
                    color="red"
                    onClick={() => api.cancelWork({}).catch(() => undefined)}
                  >
                    Cancel
                  </Button>
                </Group>
              </Stack>
            ) : (
              <Group>
                <Button
                  onClick={() => run.mutate(file)}
                  disabled={!canImport || preview.data.validCount === 0}
                >
                  Import {preview.data.validCount.toLocaleString('en-US')} account
                  {preview.data.validCount === 1 ? '' : 's'}
                </Button>
                <Text size="xs" c="dimmed" maw={560}>
                  {canImport
                    ? 'Only the rows marked Ready are imported, all together; the others come back as a file to fix.'
                    : 'Only a supervisor can import.'}
                </Text>
              </Group>
            )}
            <FormError error={run.error} />
          </Stack>
        </Section>
      )}

      {run.data && (
        <Stack gap="sm">
          <CsvReportView report={run.data} />
          <Group>
            <Button variant="default" onClick={startOver}>
              Import another file
            </Button>
          </Group>
        </Stack>
      )}

      {active && (
        <Section title="Import history" id="csv-import-history-title">
          <ImportHistory />
        </Section>
      )}
    </Stack>
  );
}
