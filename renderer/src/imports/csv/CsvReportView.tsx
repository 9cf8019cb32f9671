import { Alert, Button, Group, Paper, Spoiler, Stack, Text } from '@mantine/core';
import type { CsvImportReport } from '../../../../shared/api/csv';
import { Money } from '../../components/Money';
import { Timestamp } from '../../components/UsDate';
import { downloadText } from '../../export/download';
import { ImportStatusBadge } from '../ImportStatusBadge';

const count = (n: number) => n.toLocaleString('en-US');

/** What a spreadsheet import did, with the rejected rows to save, fix and import again. */
export function CsvReportView({ report }: { report: CsvImportReport }) {
  const r = report;
  const saveRejected = () => {
    if (r.rejectedCsv && r.rejectedFileName) downloadText(r.rejectedFileName, r.rejectedCsv);
  };
  return (
    <Paper
      withBorder
      p="sm"
      radius="sm"
      component="article"
      aria-label={`Spreadsheet import report for ${r.fileName}`}
    >
      <Stack gap="xs">
        <Group gap="sm" wrap="nowrap">
          <ImportStatusBadge status={r.status} />
          <Text fw={600} size="sm" truncate="end" title={r.fileName}>
            {r.fileName}
          </Text>
          <Text size="xs" c="dimmed">
            Import {r.importId}
          </Text>
        </Group>
        <Text size="sm">{r.summary}</Text>
        <Group gap="lg" role="list" aria-label="Import counts">
          <Text size="sm" role="listitem">
            Imported: <strong>{count(r.imported)}</strong>
          </Text>
          <Text size="sm" role="listitem">
            Skipped: <strong>{count(r.skipped)}</strong>
          </Text>
          <Text size="sm" role="listitem">
            Rejected: <strong>{count(r.rejected)}</strong>
          </Text>
          <Text size="sm" role="listitem">
            Opening balances: insurance <Money value={r.insuranceTotal} size="sm" />, patient{' '}
            <Money value={r.patientTotal} size="sm" />
          </Text>
        </Group>
        {r.importedBefore && (
          <Alert color="gray" p="xs">
            This very file was imported before, on <Timestamp value={r.importedBefore.importedAt} />{' '}
            ({r.importedBefore.fileName}).
          </Alert>
        )}
        {r.rejected > 0 && (
          <Alert color="orange" p="xs" title="Rows not imported">
            <Stack gap={6} align="flex-start">
              <Text size="sm">
                {count(r.rejected)} row{r.rejected === 1 ? ' was' : 's were'} not imported. Save
                them as a file: it has the original columns and an Error column that says what to
                fix. Correct the rows in the spreadsheet and import that file.
              </Text>
              <Button size="xs" onClick={saveRejected}>
                Save rejected rows
              </Button>
            </Stack>
          </Alert>
        )}
        {r.skippedRows.length > 0 && (
          <Spoiler maxHeight={48} showLabel="Show all skipped accounts" hideLabel="Show fewer">
            <Text size="sm" c="dimmed">
              Already in ClaimDesk, left as they are (post changes on the account as transactions):{' '}
              {r.skippedRows.map((s) => `${s.accountNumber} (row ${s.rowNumber})`).join(', ')}
              {r.skipped > r.skippedRows.length
                ? ` and ${count(r.skipped - r.skippedRows.length)} more`
                : ''}
              .
            </Text>
          </Spoiler>
        )}
      </Stack>
    </Paper>
  );
}
