import { Stack, Tabs, Text, Title } from '@mantine/core';
import type { ComponentType } from 'react';
import { navigate, SETTINGS_TABS, type SettingsTab } from '../app/router';
import { useAccessState } from '../lock/access';
import { OfficeServerPanel } from './OfficeServerPanel';
import { CodeListsPanel } from './CodeListsPanel';
import { FacilityPanel } from './FacilityPanel';
import { ReasonsPanel } from './ReasonsPanel';
import { RulesPanel } from './RulesPanel';
import { SetAsideDocuments } from './SetAsideDocuments';
import { UsersPanel } from './UsersPanel';

const TABS: Record<SettingsTab, { label: string; Panel: ComponentType; supervisor?: true }> = {
  facility: { label: 'Facility', Panel: FacilityPanel },
  rules: { label: 'Billing rules', Panel: RulesPanel },
  reasons: { label: 'Adjustment reasons', Panel: ReasonsPanel },
  users: { label: 'Users', Panel: UsersPanel },
  codes: { label: 'Code lists', Panel: CodeListsPanel },
  // a representative does not see it; the main process refuses them anyway
  office: { label: 'Office server', Panel: OfficeServerPanel, supervisor: true },
};

/**
 * How this office works: its letterhead, billing rules, adjustment reasons and who may
 * do what. Everyone reads them; a supervisor changes them. The tab is in the address, so
 * a link can lead straight to one.
 */
export function SettingsScreen({ tab }: { tab: SettingsTab }) {
  const access = useAccessState();
  const supervisor = access.data?.user.role === 'supervisor';
  const tabs = SETTINGS_TABS.filter((t) => supervisor || !TABS[t].supervisor);
  return (
    <Stack gap="sm">
      <div>
        <Title order={2} size="h3">
          Office settings
        </Title>
        <Text size="sm" c="dimmed">
          Shared by everyone who works on this database.
        </Text>
      </div>
      <SetAsideDocuments />
      <Tabs
        value={tab}
        onChange={(next) => next && navigate(`/settings?tab=${next}`)}
        keepMounted={false}
      >
        <Tabs.List>
          {tabs.map((t) => (
            <Tabs.Tab key={t} value={t}>
              {TABS[t].label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {SETTINGS_TABS.map((t) => {
          const { Panel } = TABS[t];
          return (
            <Tabs.Panel key={t} value={t} pt="md">
              <Panel />
            </Tabs.Panel>
          );
        })}
      </Tabs>
    </Stack>
  );
}
