import { AppShell, Button, Group, Kbd, Stack, Text, Title } from '@mantine/core';
import { spotlight } from '@mantine/spotlight';
import { useQuery } from '@tanstack/react-query';
import { formatUsDate } from '../../../shared/dates/iso-date';
import { AccountScreen } from '../account/AccountScreen';
import { ApprovalsButton } from '../approvals/ApprovalsButton';
import { ApprovalsScreen } from '../approvals/ApprovalsScreen';
import { AuditNavButton, AuditScreen, AuditWarning } from '../audit/AuditScreen';
import { ErrorState, LoadingState } from '../components/States';
import { SearchSpotlight } from '../search/SearchSpotlight';
import { FirstStart } from '../start/FirstStart';
import { DenialsScreen } from '../denials/DenialsScreen';
import { ImportsScreen } from '../imports/ImportsScreen';
import { AppealScreen } from '../letters/AppealScreen';
import { StatementsScreen } from '../statements/StatementsScreen';
import { TemplatesScreen } from '../templates/TemplatesScreen';
import { PayersScreen } from '../payers/PayersScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { CashSummaryScreen } from '../posting/CashSummaryScreen';
import { PostingScreen } from '../posting/PostingScreen';
import { QueueScreen } from '../worklist/QueueScreen';
import { api } from './api';
import { keys, messageOf } from './query';
import { ReportsScreen } from '../reports/ReportsScreen';
import { cashPath, navigate, useRoute } from './router';

export function Shell() {
  const route = useRoute();
  const info = useQuery({ queryKey: keys.appInfo, queryFn: () => api.getAppInfo({}) });

  // search appears once there is something to search
  const searchable = Boolean(info.data && info.data.accountCount > 0);
  let body;
  if (info.isPending) body = <LoadingState label="Opening the database…" />;
  else if (info.isError)
    body = (
      <ErrorState
        title="ClaimDesk could not start"
        message={messageOf(info.error)}
        onRetry={() => void info.refetch()}
      />
    );
  else if (info.data.accountCount === 0) body = <FirstStart />;
  else if (route.name === 'account') body = <AccountScreen accountId={route.accountId} />;
  else if (route.name === 'queue') body = <QueueScreen params={route.params} />;
  else if (route.name === 'posting')
    body = <PostingScreen batchId={route.batchId} today={info.data.today} />;
  else if (route.name === 'cash')
    body = <CashSummaryScreen date={route.date} today={info.data.today} />;
  else if (route.name === 'imports') body = <ImportsScreen params={route.params} />;
  else if (route.name === 'denials') body = <DenialsScreen params={route.params} />;
  else if (route.name === 'appeal')
    body = <AppealScreen denialId={route.denialId} today={info.data.today} />;
  else if (route.name === 'statements') body = <StatementsScreen />;
  else if (route.name === 'templates') body = <TemplatesScreen params={route.params} />;
  else if (route.name === 'payers') body = <PayersScreen params={route.params} />;
  else if (route.name === 'reports') body = <ReportsScreen params={route.params} />;
  else if (route.name === 'settings') body = <SettingsScreen tab={route.tab} />;
  else if (route.name === 'approvals') body = <ApprovalsScreen userId={info.data.user.id} />;
  else if (route.name === 'audit') body = <AuditScreen />;
  else
    body = (
      <ErrorState
        title="Page not found"
        message="That address does not lead anywhere in ClaimDesk."
        onRetry={() => navigate('/queue')}
        retryLabel="Go to the work queue"
      />
    );

  return (
    <AppShell header={{ height: 52 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap" miw={0} style={{ flex: 1 }}>
            <Title order={1} size="h4" c="blue.8" mr="sm">
              ClaimDesk
            </Title>
            <Button
              variant={route.name === 'queue' ? 'light' : 'subtle'}
              px="xs"
              onClick={() => navigate('/queue')}
              aria-current={route.name === 'queue' ? 'page' : undefined}
            >
              Work queue
            </Button>
            <Button
              variant={route.name === 'posting' ? 'light' : 'subtle'}
              px="xs"
              onClick={() => navigate('/posting')}
              aria-current={route.name === 'posting' ? 'page' : undefined}
            >
              Posting
            </Button>
            <Button
              variant={route.name === 'imports' ? 'light' : 'subtle'}
              px="xs"
              onClick={() => navigate('/imports')}
              aria-current={route.name === 'imports' ? 'page' : undefined}
            >
              Imports
            </Button>
            <Button
              variant={route.name === 'denials' ? 'light' : 'subtle'}
              px="xs"
              onClick={() => navigate('/denials')}
              aria-current={route.name === 'denials' ? 'page' : undefined}
            >
              Denials
            </Button>
            <Button
              variant={route.name === 'statements' ? 'light' : 'subtle'}
              px="xs"
              onClick={() => navigate('/statements')}
              aria-current={route.name === 'statements' ? 'page' : undefined}
            >
              Statements
            </Button>
            <Button
              variant={route.name === 'templates' ? 'light' : 'subtle'}
              px="xs"
              onClick={() => navigate('/templates')}
              aria-current={route.name === 'templates' ? 'page' : undefined}
            >
              Templates
            </Button>
            <Button
              variant={route.name === 'payers' ? 'light' : 'subtle'}
              px="xs"
              onClick={() => navigate('/payers')}
              aria-current={route.name === 'payers' ? 'page' : undefined}
            >
              Payers
            </Button>
            <Button
              variant={route.name === 'reports' ? 'light' : 'subtle'}
              px="xs"
              onClick={() => navigate('/reports')}
              aria-current={route.name === 'reports' ? 'page' : undefined}
            >
              Reports
            </Button>
            {info.data && (
              <Button
                variant={route.name === 'cash' ? 'light' : 'subtle'}
                px="xs"
                onClick={() => navigate(cashPath(info.data.today))}
                aria-current={route.name === 'cash' ? 'page' : undefined}
              >
                Cash summary
              </Button>
            )}
            {searchable && (
              <Button
                variant="default"
                onClick={() => spotlight.open()}
                w={380}
                // the search gives way first when the navigation needs the room
                miw={200}
                style={{ flexShrink: 100 }}
                ml="sm"
                justify="space-between"
                rightSection={
                  <Kbd size="xs" style={{ whiteSpace: 'nowrap' }}>
                    Ctrl+K
                  </Kbd>
                }
                aria-label="Search accounts (Ctrl+K)"
              >
                <Text size="sm" c="dimmed">
                  Search account, claim, name, DOB, phone
                </Text>
              </Button>
            )}
          </Group>
          {info.data && (
            <Group gap="sm" wrap="nowrap">
              {/* two short lines, so the navigation keeps its room */}
              <Stack gap={0} align="flex-end">
                <Text size="sm" fw={500} lh={1.3} style={{ whiteSpace: 'nowrap' }}>
                  {info.data.user.displayName}
                </Text>
                <Text size="xs" c="dimmed" lh={1.3} style={{ whiteSpace: 'nowrap' }}>
                  Today {formatUsDate(info.data.today)}
                </Text>
              </Stack>
              <ApprovalsButton current={route.name === 'approvals'} />
              <AuditNavButton current={route.name === 'audit'} />
              <Button
                variant={route.name === 'settings' ? 'light' : 'subtle'}
                px="xs"
                onClick={() => navigate('/settings')}
                aria-current={route.name === 'settings' ? 'page' : undefined}
              >
                Settings
              </Button>
            </Group>
          )}
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <AuditWarning />
        {body}
      </AppShell.Main>
      {searchable && <SearchSpotlight />}
    </AppShell>
  );
}
