import { Stack, Tabs, Text, Title } from '@mantine/core';
import { navigate, SETTINGS_TABS, type SettingsTab } from '../app/router';
import { FacilityPanel } from './FacilityPanel';
import { ReasonsPanel } from './ReasonsPanel';
import { RulesPanel } from './RulesPanel';
import { UsersPanel } from './UsersPanel';

const LABELS: Record<SettingsTab, string> = {
  facility: 'Facility',
  rules: 'Billing rules',
  reasons: 'Adjustment reasons',
  users: 'Users',
};

/**
 * How this office works: its letterhead, billing rules, adjustment reasons and who may
 * do what. Everyone reads them; a supervisor changes them. The tab is in the address, so
 * a link can lead straight to one.
 */
export function SettingsScreen({ tab }: { tab: SettingsTab }) {
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
      <Tabs
        value={tab}
        onChange={(next) => next && navigate(`/settings?tab=${next}`)}
        keepMounted={false}
      >
        <Tabs.List>
          {SETTINGS_TABS.map((t) => (
            <Tabs.Tab key={t} value={t}>
              {LABELS[t]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="facility" pt="md">
          <FacilityPanel />
        </Tabs.Panel>
        <Tabs.Panel value="rules" pt="md">
          <RulesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="reasons" pt="md">
          <ReasonsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="users" pt="md">
          <UsersPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
