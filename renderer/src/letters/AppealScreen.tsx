import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AccountView, FollowUpView } from '../../../shared/api/accounts';
import type { DenialView } from '../../../shared/api/denials';
import { APPEAL_LEVEL, DENIAL_CATEGORY } from '../../../shared/codes/denials';
import type { IsoDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { keys, messageOf } from '../app/query';
import { accountPath, navigate } from '../app/router';
import { DenialCodes } from '../components/DenialCodes';
import { DenialStateBadge } from '../components/DenialStateBadge';
import { Money } from '../components/Money';
import { ErrorState, LoadingState } from '../components/States';
import { UsDate } from '../components/UsDate';
import { documentKeys } from '../documents/queries';
import { Deadline } from '../worklist/columns';
import { AppealEditor } from './AppealEditor';

/** The denial's own follow-up, or else the open one on its claim (the next date to act). */
function followUpOf(view: AccountView, denial: DenialView): FollowUpView | undefined {
  const own = view.followUps.find((f) => f.id === denial.followUpId && f.status === 'open');
  if (own) return own;
  return view.followUps
    .filter((f) => f.status === 'open' && f.claimId === denial.claimId)
    .sort((a, b) => b.dueDate.localeCompare(a.dueDate))[0];
}

function DenialHeader({ view, denial }: { view: AccountView; denial: DenialView }) {
  return (
    <Stack gap={2}>
      <Group gap="sm" align="baseline">
        <Title order={2} size="h3">
          {denial.action === 'appeal' ? 'Appeal letter' : 'Letter'} for {view.patient.fullName}
        </Title>
        <Text size="sm" c="dimmed" className="tabular">
          Account {view.account.accountNumber} · claim {denial.claimNumber}
          {denial.payerClaimNumber ? ` (payer ${denial.payerClaimNumber})` : ''}
        </Text>
      </Group>
      <Group gap="sm" wrap="wrap">
        <Text size="sm" fw={600}>
          {denial.payerName}
        </Text>
        <Badge size="sm" variant="outline" color="gray" tt="none">
          {DENIAL_CATEGORY.labels[denial.category]}
        </Badge>
        <DenialCodes codes={denial.codes} />
        <Money value={denial.amount} size="sm" fw={600} title="Denied amount" />
        <Text size="sm" c="dimmed">
          {APPEAL_LEVEL.labels[denial.appealLevel]}
        </Text>
        <Group gap={4} wrap="nowrap">
          <Text size="sm" c="dimmed">
            Deadline
          </Text>
          <Deadline date={denial.deadlineDate} daysLeft={denial.daysLeft} />
          <UsDate value={denial.deadlineDate} />
        </Group>
        <DenialStateBadge state={denial.state} />
      </Group>
    </Stack>
  );
}

/**
 * Drafting the letter for a denial: the template suggested for its category and level
 * (or another), the wording edited, previewed, generated and filed, then marked sent.
 */
export function AppealScreen({ denialId, today }: { denialId: number; today: IsoDate }) {
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const draft = useQuery({
    queryKey: documentKeys.draft(denialId, templateId),
    queryFn: () => api.draftAppeal({ denialId, templateId }),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
  const accountId = draft.data?.accountId ?? 0;
  const account = useQuery({
    queryKey: keys.account(accountId),
    queryFn: () => api.getAccount({ accountId }),
    enabled: accountId > 0,
  });

  if (draft.isPending) return <LoadingState label="Filling in the letter…" />;
  // a failed refresh keeps the letter being worked on; only a draft never loaded is an error
  if (!draft.data)
    return (
      <ErrorState
        title="The letter could not be drafted"
        message={messageOf(draft.error)}
        onRetry={() => window.history.back()}
        retryLabel="Go back"
      />
    );
  const view = account.data;
  const denial = view?.denials.find((d) => d.id === denialId);
  return (
    <Stack gap="md">
      {view && denial ? (
        <DenialHeader view={view} denial={denial} />
      ) : account.isError ? (
        <ErrorState
          title="The account could not be opened"
          message={messageOf(account.error)}
          onRetry={() => navigate(accountPath(accountId))}
          retryLabel="Open the account"
        />
      ) : (
        <Title order={2} size="h3">
          Appeal letter
        </Title>
      )}
      {draft.isPlaceholderData ? (
        <LoadingState label="Filling in the other template…" />
      ) : (
        <AppealEditor
          key={`${draft.data.templateId}:${round}`}
          draft={draft.data}
          today={today}
          denial={denial}
          followUp={view && denial ? followUpOf(view, denial) : undefined}
          onChooseTemplate={setTemplateId}
          onStartOver={() => setRound((r) => r + 1)}
        />
      )}
    </Stack>
  );
}
