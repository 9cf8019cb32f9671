import { Badge, Stack, Tabs, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../app/api';
import { keys } from '../app/query';
import { navigate } from '../app/router';
import { Section } from '../components/Section';
import { CorrespondenceFolderImport } from '../correspondence/FolderImport';
import { ExceptionsPanel } from './ExceptionsPanel';
import { ImportFiles } from './ImportFiles';
import { ImportHistory } from './ImportHistory';
import { SpreadsheetImport } from './csv/SpreadsheetImport';

/**
 * Import remittances and claim status files, or accounts from a spreadsheet; look back at
 * past imports; work the exceptions.
 */
export function ImportsScreen({ params }: { params: URLSearchParams }) {
  const requested = params.get('tab');
  const tab =
    requested === 'exceptions' || requested === 'spreadsheet' || requested === 'correspondence'
      ? requested
      : 'files';
  const open = useQuery({
    queryKey: keys.exceptions('open'),
    queryFn: () => api.listRemittanceExceptions({ status: 'open', limit: 500 }),
  });
  const openCount = open.data?.length ?? 0;
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        Imports
      </Title>
      <Tabs
        value={tab}
        onChange={(v) =>
          navigate(
            v === 'exceptions' || v === 'spreadsheet' || v === 'correspondence'
              ? `/imports?tab=${v}`
              : '/imports',
          )
        }
        keepMounted
      >
        <Tabs.List mb="sm">
          <Tabs.Tab value="files">Files</Tabs.Tab>
          <Tabs.Tab value="spreadsheet">Spreadsheet (CSV)</Tabs.Tab>
          <Tabs.Tab value="correspondence">Scanned mail</Tabs.Tab>
          <Tabs.Tab
            value="exceptions"
            rightSection={
              openCount > 0 ? (
                <Badge size="sm" color="orange" variant="filled" circle={openCount < 10}>
                  {openCount}
                </Badge>
              ) : null
            }
          >
            Exceptions
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="files">
          <Stack gap="md">
            <Section title="Import files" id="import-files-title">
              <ImportFiles />
            </Section>
            <Section title="Import history" id="import-history-title">
              <ImportHistory />
            </Section>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="spreadsheet">
          <SpreadsheetImport active={tab === 'spreadsheet'} />
        </Tabs.Panel>
        <Tabs.Panel value="correspondence">
          <CorrespondenceFolderImport />
        </Tabs.Panel>
        <Tabs.Panel value="exceptions">
          <Section title="Remittance exceptions" id="exceptions-title">
            <ExceptionsPanel />
          </Section>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
