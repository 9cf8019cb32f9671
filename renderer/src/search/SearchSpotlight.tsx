import { Badge, Group, Loader, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight } from '@mantine/spotlight';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ACCOUNT_STATUS } from '../../../shared/codes/enums';
import { api } from '../app/api';
import { keys, messageOf } from '../app/query';
import { accountPath, navigate } from '../app/router';
import { Money } from '../components/Money';
import { UsDate } from '../components/UsDate';
import { ExportButton } from '../export/ExportButton';
import { exportSearch } from '../export/search-export';

/**
 * The global search, opened with Ctrl+K (or /) from anywhere: account or claim number,
 * name ("smith", "smith, jo"), date of birth (MM/DD/YYYY) or phone. ↑/↓ and Enter pick.
 */
export function SearchSpotlight() {
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 150);
  const search = useQuery({
    queryKey: keys.search(debounced),
    queryFn: () => api.search({ query: debounced }),
    enabled: debounced.length > 0,
    placeholderData: (previous) => previous,
  });
  const results = debounced ? (search.data?.results ?? []) : [];

  return (
    <Spotlight.Root
      query={query}
      onQueryChange={setQuery}
      shortcut={['mod + K', '/']}
      scrollable
      maxHeight={480}
      size={760}
      // the dialog has no visible title; its name says what it is for
      attributes={{ content: { 'aria-label': 'Search accounts' } }}
    >
      <Spotlight.Search
        placeholder="Account or claim number, name (smith, jo), date of birth, phone"
        aria-label="Search accounts"
        rightSection={search.isFetching ? <Loader size="xs" /> : null}
      />
      <Spotlight.ActionsList aria-label="Search results">
        {debounced && search.data && (
          <Text size="xs" c="dimmed" px="sm" py={4}>
            Searching {search.data.interpretedAs}
            {search.data.truncated
              ? ` — showing the first ${results.length}; type more to narrow it`
              : ''}
          </Text>
        )}
        {search.isError && (
          <Text size="sm" c="red" px="sm" py="xs" role="alert">
            {messageOf(search.error)}
          </Text>
        )}
        {results.map((r) => (
          <Spotlight.Action
            key={`${r.accountId}-${r.claimNumber ?? ''}`}
            onClick={() => navigate(accountPath(r.accountId))}
          >
            <Group justify="space-between" wrap="nowrap" w="100%">
              <Stack gap={0}>
                <Text size="sm" fw={600}>
                  {r.patientName}
                </Text>
                <Text size="xs" c="dimmed">
                  DOB <UsDate value={r.dateOfBirth} /> · {r.phone ?? 'no phone'} · service{' '}
                  <UsDate value={r.serviceDate} />
                </Text>
              </Stack>
              <Group gap="xs" wrap="nowrap">
                <Stack gap={0} align="flex-end">
                  <Text size="sm" className="tabular">
                    {r.accountNumber}
                  </Text>
                  {r.claimNumber && (
                    <Text size="xs" c="dimmed" className="tabular">
                      claim {r.claimNumber}
                    </Text>
                  )}
                </Stack>
                <Badge size="xs" variant="light" color={r.status === 'open' ? 'blue' : 'gray'}>
                  {ACCOUNT_STATUS.labels[r.status]}
                </Badge>
                <Money value={r.balance} size="sm" w={90} />
              </Group>
            </Group>
          </Spotlight.Action>
        ))}
        {debounced && search.data && results.length === 0 && (
          <Spotlight.Empty>No account matches {search.data.interpretedAs}.</Spotlight.Empty>
        )}
        {!debounced && (
          <Spotlight.Empty>
            Type an account or claim number, a name, a date of birth or a phone number.
          </Spotlight.Empty>
        )}
      </Spotlight.ActionsList>
      {debounced && results.length > 0 && (
        <Group
          justify="flex-end"
          px="sm"
          py={6}
          style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
        >
          <ExportButton
            what="search results"
            build={(progress) => exportSearch(debounced, progress)}
          />
        </Group>
      )}
    </Spotlight.Root>
  );
}
