import { Badge, Button, Grid, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { ACCOUNT_STATUS, FINANCIAL_CLASS } from '../../../shared/codes/enums';
import { api } from '../app/api';
import { keys, messageOf } from '../app/query';
import { lastQueuePath, navigate } from '../app/router';
import { ErrorState, LoadingState } from '../components/States';
import { AccountDocuments } from '../documents/AccountDocuments';
import { CorrespondenceCard } from '../correspondence/CorrespondenceCard';
import { UsDate } from '../components/UsDate';
import { WorkingBanner } from '../office/WorkingBanner';
import { AccountActions, ShortcutLegend, type AccountActionsHandle } from './AccountActions';
import { ActivityForm, type ActivityFormHandle } from './ActivityForm';
import { ActivityHistory } from './ActivityHistory';
import { BalanceCard } from './BalanceCard';
import { ContactCard } from '../contact/ContactCard';
import { DeidentifyButton } from '../purge/DeidentifyButton';
import { ClaimsCard } from './ClaimsCard';
import { DenialCard } from './DenialCard';
import { FollowUpCard, type FollowUpCardHandle } from './FollowUpCard';
import { AdjustmentRequestsCard } from './AdjustmentRequestsCard';
import { LedgerCard } from './LedgerCard';
import { PeopleCard } from './PeopleCard';
import { PlanCard } from './PlanCard';
import { PromisesCard } from './PromisesCard';
import { StatementCard } from './StatementCard';
import { BadDebtCard } from './BadDebtCard';
import { Timeline501rCard } from './Timeline501rCard';

/** Back to the list the account was opened from, as it was left: same filters, same sort. */
function backToQueue() {
  navigate(lastQueuePath());
}

const backLabel = () =>
  lastQueuePath().startsWith('/denials') ? '← Back to denials' : '← Back to queue';

export function AccountScreen({ accountId }: { accountId: number }) {
  const account = useQuery({
    queryKey: keys.account(accountId),
    queryFn: () => api.getAccount({ accountId }),
  });
  const activityForm = useRef<ActivityFormHandle>(null);
  const followUp = useRef<FollowUpCardHandle>(null);
  const actions = useRef<AccountActionsHandle>(null);

  useHotkeys([
    ['Escape', backToQueue],
    ['alt+ArrowLeft', backToQueue],
    ['n', () => activityForm.current?.start('note')],
    ['c', () => activityForm.current?.start('call')],
    ['f', () => followUp.current?.start()],
    ['p', () => actions.current?.open('plan')],
    ['a', () => actions.current?.open('adjustment')],
  ]);

  if (account.isPending) return <LoadingState label="Opening the account…" />;
  if (account.isError)
    return (
      <ErrorState
        title="The account could not be opened"
        message={messageOf(account.error)}
        onRetry={() => navigate('/queue')}
        retryLabel="Back to the work queue"
      />
    );
  const v = account.data;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Group gap="sm" align="baseline">
            <Title order={2} size="h3">
              {v.patient.fullName}
            </Title>
            <Text size="sm" c="dimmed">
              DOB <UsDate value={v.patient.dateOfBirth} />
            </Text>
            {v.patient.deceasedDate && (
              <Badge color="dark" variant="filled">
                Deceased <UsDate value={v.patient.deceasedDate} />
              </Badge>
            )}
          </Group>
          <Group gap="xs">
            <Text size="sm" fw={600} className="tabular">
              Account {v.account.accountNumber}
            </Text>
            <Badge size="sm" variant="light" color={v.account.status === 'open' ? 'blue' : 'gray'}>
              {ACCOUNT_STATUS.labels[v.account.status]}
            </Badge>
            <Badge size="sm" variant="outline" color="gray">
              {FINANCIAL_CLASS.labels[v.account.financialClass]}
            </Badge>
            <Text size="sm" c="dimmed">
              Service <UsDate value={v.account.serviceDate} />
              {v.account.dischargeDate && (
                <>
                  {' '}
                  – <UsDate value={v.account.dischargeDate} />
                </>
              )}
            </Text>
          </Group>
        </Stack>
        {/* its own line under the name on every account, so no name length moves the buttons */}
        <Stack gap={4} w="100%">
          <Group gap="xs" wrap="nowrap">
            <AccountActions ref={actions} view={v} />
            <Tooltip label="Escape or Alt+←">
              <Button variant="default" onClick={backToQueue}>
                {backLabel()}
              </Button>
            </Tooltip>
            {/* last: shown only on a few closed accounts, it moves no other button */}
            <DeidentifyButton view={v} />
          </Group>
          <ShortcutLegend view={v} />
        </Stack>
      </Group>
      <WorkingBanner accountId={v.account.id} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <Grid gap="md">
              {/* the wider half: five aging columns of five-digit amounts fit whole */}
              <Grid.Col span={{ base: 12, md: 7 }}>
                <BalanceCard balance={v.balance} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 5 }}>
                <PeopleCard view={v} />
              </Grid.Col>
            </Grid>
            {v.plans.length > 0 && <PlanCard plans={v.plans} />}
            <ClaimsCard claims={v.claims} coverages={v.coverages} />
            {v.denials.length > 0 && <DenialCard denials={v.denials} />}
            <AccountDocuments accountId={v.account.id} />
            <CorrespondenceCard view={v} />
            <LedgerCard ledger={v.ledger} today={v.today} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <FollowUpCard ref={followUp} view={v} />
            <AdjustmentRequestsCard requests={v.adjustmentRequests} />
            <ContactCard accountId={v.account.id} today={v.today} />
            <StatementCard accountId={v.account.id} />
            <Timeline501rCard accountId={v.account.id} today={v.today} />
            <BadDebtCard accountId={v.account.id} />
            {(v.promises.length > 0 || v.balance.patient > 0) && (
              <PromisesCard promises={v.promises} />
            )}
            <ActivityForm ref={activityForm} accountId={v.account.id} />
            <ActivityHistory activities={v.activities} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
