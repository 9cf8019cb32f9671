import {
  Anchor,
  Badge,
  Group,
  List,
  Pagination,
  SegmentedControl,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import type {
  ClaimFileClaim,
  ClaimFileOutcome,
  ClaimFileReport,
} from '../../../shared/api/imports';
import { accountPath } from '../app/router';
import { Money } from '../components/Money';
import { problemText } from './problem';

const PAGE_SIZE = 50;

const OUTCOME: Record<ClaimFileOutcome, { label: string; color: string }> = {
  added: { label: 'Added', color: 'green' },
  updated: { label: 'Updated', color: 'blue' },
  voided: { label: 'Voided', color: 'gray' },
  skipped: { label: 'Skipped', color: 'orange' },
};

const TYPE_LABEL: Record<ClaimFileClaim['claimType'], string> = {
  institutional: '837I',
  professional: '837P',
};

const FREQUENCY: Record<string, string> = { '1': 'Original', '7': 'Replacement', '8': 'Void' };

type Show = 'all' | ClaimFileOutcome;

function ClaimRow({ c }: { c: ClaimFileClaim }) {
  const look = OUTCOME[c.outcome];
  return (
    <Table.Tr>
      <Table.Td className="tabular">{c.segmentIndex ?? '—'}</Table.Td>
      <Table.Td className="tabular">
        {c.accountId !== null ? (
          <Anchor href={`#${accountPath(c.accountId)}`} size="sm" title="Open the account">
            {c.patientControlNumber}
          </Anchor>
        ) : (
          c.patientControlNumber
        )}
      </Table.Td>
      <Table.Td>{c.patientName ?? '—'}</Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={1} title={c.payerName ?? undefined}>
          {c.payerName ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td className="tabular">
        {TYPE_LABEL[c.claimType]} · {FREQUENCY[c.frequencyCode] ?? `Frequency ${c.frequencyCode}`}
      </Table.Td>
      <Table.Td ta="right">
        <Money value={c.totalCharge} size="sm" />
      </Table.Td>
      <Table.Td>
        <Badge
          size="sm"
          variant="light"
          color={c.alreadyImported ? 'gray' : look.color}
          // a badge may shrink below its text in a crowded table; this one says the result
          style={{ minWidth: 'max-content' }}
        >
          {c.alreadyImported ? 'Imported before' : look.label}
        </Badge>
      </Table.Td>
      <Table.Td ta="right">
        <Money value={c.chargesPosted} size="sm" />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{c.message}</Text>
        {c.problems.length > 0 && (
          <List size="sm" c="red.8" aria-label={`Failed checks, claim ${c.patientControlNumber}`}>
            {c.problems.map((p, i) => (
              <List.Item key={i}>{problemText(p)}</List.Item>
            ))}
          </List>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * What an 837 file did with each of its claims: added, updated (a replacement), voided
 * or skipped with the reason, filterable by result and paged so a file of thousands of
 * claims stays quick to read.
 */
export function ClaimFileReportView({
  report,
  fileName,
}: {
  report: ClaimFileReport;
  fileName: string;
}) {
  const [show, setShow] = useState<Show>(
    report.skipped > report.alreadyImported ? 'skipped' : 'all',
  );
  const [page, setPage] = useState(1);
  const rows = show === 'all' ? report.claims : report.claims.filter((c) => c.outcome === show);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const visible = rows.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  const choices = (['all', 'added', 'updated', 'voided', 'skipped'] as const).map((value) => ({
    value,
    label: `${value === 'all' ? 'All' : OUTCOME[value].label} (${
      value === 'all' ? report.claimsRead : report[value]
    })`,
  }));
  return (
    <Stack gap="xs">
      <Group gap="lg" role="group" aria-label={`Claims in ${fileName}: counts`}>
        <Text size="sm">
          <b>{report.claimsRead}</b> claim{report.claimsRead === 1 ? '' : 's'} (
          {report.claimTypes.map((t) => TYPE_LABEL[t]).join(' and ')})
        </Text>
        {(['added', 'updated', 'voided', 'skipped'] as const).map((k) => (
          <Text size="sm" key={k}>
            {OUTCOME[k].label}: <b className="tabular">{report[k]}</b>
            {k === 'skipped' && report.alreadyImported > 0
              ? ` (${report.alreadyImported} imported before)`
              : ''}
          </Text>
        ))}
        <Text size="sm">
          Charges posted: <Money value={report.chargesPosted} size="sm" fw={600} />
        </Text>
        <Text size="sm" c="dimmed">
          {report.accountsCreated} new account{report.accountsCreated === 1 ? '' : 's'},{' '}
          {report.peopleCreated} new {report.peopleCreated === 1 ? 'person' : 'people'}
        </Text>
      </Group>
      {report.payersCreated.length > 0 && (
        <Text size="sm" role="note">
          New payer{report.payersCreated.length === 1 ? '' : 's'} added:{' '}
          {report.payersCreated
            .map(
              (p) =>
                `${p.name} (${p.payerId}; timely filing ${p.timelyFilingDays} days, appeals ${p.appealWindowDays} days until set otherwise)`,
            )
            .join('; ')}
          .
        </Text>
      )}
      <SegmentedControl
        size="xs"
        w="fit-content"
        value={show}
        onChange={(v) => {
          setShow(v as Show);
          setPage(1);
        }}
        data={choices}
        transitionDuration={0}
        aria-label="Show claims"
      />
      <Table.ScrollContainer minWidth={1100}>
        <Table aria-label={`Claims in ${fileName}`} withRowBorders fz="sm" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th title="Where the claim (its CLM segment) is in the file">Segment</Table.Th>
              <Table.Th>Patient control no.</Table.Th>
              <Table.Th>Patient</Table.Th>
              <Table.Th>Payer</Table.Th>
              <Table.Th>Claim</Table.Th>
              <Table.Th ta="right">Total</Table.Th>
              <Table.Th>Result</Table.Th>
              <Table.Th ta="right">Charges posted</Table.Th>
              <Table.Th>What happened</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visible.map((c, i) => (
              <ClaimRow key={`${c.segmentIndex ?? ''}-${c.patientControlNumber}-${i}`} c={c} />
            ))}
            {visible.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={9}>
                  <Text size="sm" c="dimmed">
                    No claims here.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pages > 1 && (
        <Group justify="space-between">
          <Text size="xs" c="dimmed" role="status">
            {(current - 1) * PAGE_SIZE + 1}–{(current - 1) * PAGE_SIZE + visible.length} of{' '}
            {rows.length}
          </Text>
          <Pagination
            size="sm"
            total={pages}
            value={current}
            onChange={setPage}
            getControlProps={(c) => ({ 'aria-label': `${c} page` })}
          />
        </Group>
      )}
    </Stack>
  );
}
