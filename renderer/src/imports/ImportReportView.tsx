import { Accordion, Alert, Group, List, Paper, Stack, Text } from '@mantine/core';
import type { ImportReport } from '../../../shared/api/imports';
import { ClaimFileReportView } from './ClaimFileReportView';
import { ImportStatusBadge } from './ImportStatusBadge';
import { problemText } from './problem';
import { RemittanceTable } from './RemittanceTable';

const KIND_LABEL: Record<ImportReport['kind'], string> = {
  '835': 'Remittance (835)',
  '277': 'Claim status (277)',
  '837': 'Claims (837)',
  csv: 'CSV',
  unknown: 'Unrecognised file',
};

/** What one file did: its status, the summary line, and the detail per remittance or claim. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const cs = report.claimStatus;
  return (
    <Paper
      withBorder
      p="sm"
      radius="sm"
      component="article"
      aria-label={`Import report for ${report.fileName}`}
    >
      <Stack gap="xs">
        <Group gap="sm" wrap="nowrap">
          <ImportStatusBadge status={report.status} />
          <Text fw={600} size="sm" truncate="end" title={report.fileName}>
            {report.fileName}
          </Text>
          {/* a refused file's kind is only a guess, so it is not shown */}
          {report.status !== 'rejected' && (
            <Text size="xs" c="dimmed">
              {KIND_LABEL[report.kind]}
            </Text>
          )}
        </Group>
        <Text size="sm">{report.summary}</Text>
        {report.rejected.length > 0 && (
          <Alert color="red" p="xs" title="Nothing in this file was posted" role="alert">
            <List size="sm" aria-label="Rejection reasons">
              {report.rejected.map((p, i) => (
                <List.Item key={i}>{problemText(p)}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {report.remittances.length > 0 && (
          <RemittanceTable
            remittances={report.remittances}
            label={`Remittances in ${report.fileName}`}
          />
        )}
        {report.claimFile && (
          <ClaimFileReportView report={report.claimFile} fileName={report.fileName} />
        )}
        {cs && (
          <Text size="sm">
            {cs.claimsUpdated} claims updated · {cs.followUpsCreated} follow-ups created ·{' '}
            {cs.unmatched} not matched to a claim
            {cs.alreadyRecorded ? ` · ${cs.alreadyRecorded} recorded already` : ''}
          </Text>
        )}
        {report.warnings.length > 0 && (
          <Accordion variant="contained" chevronPosition="left">
            <Accordion.Item value="warnings">
              <Accordion.Control>
                <Text size="sm">
                  {report.warnings.length} warning{report.warnings.length === 1 ? '' : 's'}
                  {report.status === 'rejected' ? '' : ' (posted anyway)'}
                </Text>
              </Accordion.Control>
              <Accordion.Panel>
                <List size="sm">
                  {report.warnings.map((p, i) => (
                    <List.Item key={i}>{problemText(p)}</List.Item>
                  ))}
                </List>
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
        )}
      </Stack>
    </Paper>
  );
}
