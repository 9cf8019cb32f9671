import { Alert, Button, Group, List, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import type { RowSelectionState } from '@tanstack/react-table';
import { useState } from 'react';
import { STATEMENT_RUN_MAX } from '../../../shared/api/statements';
import { sumCents } from '../../../shared/money/cents';
import { count as n, plural } from '../../../shared/text/count';
import { messageOf } from '../app/query';
import { accountPath, navigate } from '../app/router';
import { Money } from '../components/Money';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { DocumentModal } from '../documents/DocumentModal';
import { CandidatesTable } from './CandidatesTable';
import { CycleCounts } from './CycleCounts';
import { cancelRun, dismissRun, startRun, useStatementRun, type RunState } from './run-store';
import { DEFAULT_FILTERS, type CandidateFilters } from './candidate-filters';
import { StatementFilters } from './StatementFilters';
import { LIST_CAP, useCandidates } from './useCandidates';

/** What the list's status line says: how many there are, and how many are listed so far. */
function listedText(total: number | null, listed: number, listing: boolean): string {
  const whole =
    total === null
      ? 'Counting guarantors with a balance…'
      : `${plural(total, 'guarantor')} with a balance`;
  if (listing) return `${whole}; listing ${n(listed)} so far…`;
  if (total !== null && total > listed)
    return listed >= LIST_CAP
      ? `${whole}; the first ${n(listed)} are listed. Narrow the filters for the rest.`
      : `${whole}; ${n(listed)} listed.`;
  return whole;
}

function RunPanel({
  run,
  accountNumber,
  onOpen,
}: {
  run: RunState;
  accountNumber: (accountId: number) => string | undefined;
  onOpen: (documentId: number) => void;
}) {
  const { result, step, cancelled } = run;
  // the count of accounts printed, once the server has said; the request until then
  const total = result?.total ?? (step && step.total > 0 ? step.total : run.requested);
  const done = result?.total ?? step?.done ?? 0;
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  const finished = result !== null;
  const skipped = result?.skipped ?? [];
  return (
    <Paper withBorder p="sm" radius="sm" role="region" aria-label="Statement run">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" fw={600} role="status" aria-live="polite">
            {run.running
              ? run.cancelling
                ? `Cancelling… ${n(done)} of ${n(total)}`
                : `Making statements: ${n(done)} of ${n(total)}`
              : cancelled
                ? `Cancelled after ${n(done)} of ${n(total)} statements.`
                : finished
                  ? `Done: ${plural(done, 'statement')} printed.`
                  : run.error
                    ? 'The run stopped.'
                    : ''}
          </Text>
          <Group gap="xs" wrap="nowrap">
            {run.running ? (
              <Button
                size="xs"
                variant="default"
                color="red"
                onClick={cancelRun}
                disabled={run.cancelling}
              >
                Cancel
              </Button>
            ) : (
              <>
                {result && (
                  <Button size="xs" onClick={() => onOpen(result.documentId)}>
                    Open the PDF to print
                  </Button>
                )}
                <Button size="xs" variant="default" onClick={dismissRun}>
                  Close
                </Button>
              </>
            )}
          </Group>
        </Group>
        <Progress
          value={percent}
          size="lg"
          animated={run.running}
          color={cancelled || run.error ? 'gray' : finished ? 'green' : 'blue'}
          aria-label="Statement run progress"
        />
        {run.error && (
          <Text size="sm" c="red" role="alert">
            {run.error}
          </Text>
        )}
        {cancelled && (
          <Text size="sm" c="dimmed">
            Nothing is filed for a run that did not finish: no combined PDF and no account copies.
            Print the accounts again when ready.
          </Text>
        )}
        {skipped.length > 0 && (
          <Alert color="yellow" p="xs" title={`${skipped.length} skipped`}>
            <List size="sm" spacing={2}>
              {skipped.slice(0, 20).map((s) => (
                <List.Item key={s.accountId}>
                  <Button
                    variant="subtle"
                    size="compact-xs"
                    onClick={() => navigate(accountPath(s.accountId))}
                  >
                    Account {accountNumber(s.accountId) ?? s.accountId}
                  </Button>{' '}
                  {s.reason}
                </List.Item>
              ))}
              {skipped.length > 20 && <List.Item>and {skipped.length - 20} more</List.Item>}
            </List>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * A statement cycle: find the accounts due one, tick them, and print them as one PDF (each
 * account's copy is filed on it as well), with progress and a way to stop.
 */
export function StatementsScreen() {
  const [filters, setFilters] = useState<CandidateFilters>(DEFAULT_FILTERS);
  const [selected, setSelected] = useState<RowSelectionState>({});
  const run = useStatementRun();
  // a run that finished while the screen was closed does not pop up on return
  const [closedDocument, setClosedDocument] = useState<number | null>(
    () => run.result?.documentId ?? null,
  );
  const [opened, setOpened] = useState<number | null>(null);
  const { pages: candidates, rows, counts, total, listing } = useCandidates(filters);

  // a guarantor with every account held cannot be chosen, so it is never in a run
  const chosen = rows.filter((r) => selected[String(r.guarantorId)] && !r.allHeld);
  // guarantors that left the list (stated just now) leave the selection too
  const shown: RowSelectionState = Object.fromEntries(
    chosen.map((r) => [String(r.guarantorId), true]),
  );
  const chosenTotal = sumCents(chosen.map((r) => r.patientBalance));
  const chosenAccounts = chosen.flatMap((r) => r.accountIds);
  const tooMany = chosenAccounts.length > STATEMENT_RUN_MAX;
  const busy = run.running;

  // the finished run's PDF opens by itself once; after closing it, the button opens it again
  const finishedDocument = run.result?.documentId ?? null;
  const showDocument =
    opened ??
    (finishedDocument !== null && finishedDocument !== closedDocument ? finishedDocument : null);

  let body;
  if (candidates.isPending) body = <LoadingState label="Finding accounts due a statement…" />;
  else if (candidates.isError)
    body = (
      <ErrorState
        title="The accounts could not be listed"
        message={messageOf(candidates.error)}
        onRetry={() => void candidates.refetch()}
      />
    );
  else if (rows.length === 0)
    body = (
      <EmptyState title="No accounts due a statement">
        No account matches these filters. Lower the minimum balance or the number of days.
      </EmptyState>
    );
  else
    body = <CandidatesTable rows={rows} selected={shown} onSelect={setSelected} disabled={busy} />;

  return (
    <Stack
      gap="sm"
      style={{
        height:
          'calc(100vh - 52px - var(--app-shell-footer-offset, 0px) - 2 * var(--mantine-spacing-md))',
      }}
    >
      <div>
        <Title order={2} size="h3">
          Statements
        </Title>
        <Text size="sm" c="dimmed">
          Find the accounts due a statement, tick them and print them as one PDF; each
          account&apos;s copy is filed on it. A single account&apos;s statement is made from the
          account itself.
        </Text>
      </div>
      <Paper withBorder p="sm" radius="sm">
        <StatementFilters
          filters={filters}
          disabled={busy}
          onApply={(f) => {
            setFilters(f);
            setSelected({});
          }}
        />
      </Paper>
      {(run.running || run.result || run.cancelled || run.error) && (
        <RunPanel
          run={run}
          accountNumber={(id) =>
            rows.flatMap((r) => r.held).find((h) => h.accountId === id)?.accountNumber
          }
          onOpen={setOpened}
        />
      )}
      <Paper
        withBorder
        radius="sm"
        style={{ flex: 1, minHeight: 240, display: 'flex', flexDirection: 'column' }}
      >
        <Group
          justify="space-between"
          px="xs"
          py={6}
          style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
        >
          <Text size="sm" role="status">
            {candidates.data ? listedText(total, rows.length, listing) : ''}
          </Text>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" c={tooMany ? 'red' : chosen.length > 0 ? undefined : 'dimmed'}>
              {n(chosen.length)} selected · <Money value={chosenTotal} size="sm" />
              {tooMany &&
                ` · ${n(chosenAccounts.length)} accounts; a run takes at most ${n(STATEMENT_RUN_MAX)}`}
            </Text>
            <Button
              onClick={() => {
                setClosedDocument(null);
                setOpened(null);
                void startRun(chosenAccounts);
              }}
              disabled={chosen.length === 0 || tooMany || busy}
            >
              Print statements{chosen.length > 0 ? ` (${chosen.length})` : ''}
            </Button>
          </Group>
        </Group>
        {candidates.data && <CycleCounts counts={counts} />}
        {body}
      </Paper>
      {showDocument !== null && (
        <DocumentModal
          documentId={showDocument}
          title="Statements to print"
          onClose={() => {
            setOpened(null);
            setClosedDocument(showDocument);
          }}
        />
      )}
    </Stack>
  );
}
