import {
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../app/api';
import { navigate } from '../app/router';
import { EmptyState, QueryState } from '../components/States';
import { Money } from '../components/Money';
import { AgencyDetail } from './AgencyDetail';
import { AgencyForm } from './AgencyForm';

/**
 * Collection agencies: the list, and the chosen one beside it (in the address, so it can
 * be linked to). Everyone sees the accounts at each agency, recalls and posts its files; a
 * supervisor keeps the agencies and places accounts.
 */
export function AgenciesScreen({ params }: { params: URLSearchParams }) {
  const list = useQuery({ queryKey: ['agencies'], queryFn: () => api.listAgencies({}) });
  const [adding, setAdding] = useState(false);
  const asked = Number(params.get('agency')) || null;

  let body;
  if (list.isPending || list.isError) body = <QueryState query={list} what="the agencies" />;
  else if (list.data.agencies.length === 0)
    body = (
      <EmptyState title="No agencies yet">
        {list.data.canChange
          ? 'Add the agencies the office places accounts with.'
          : 'A supervisor adds the agencies the office places accounts with.'}
      </EmptyState>
    );
  else {
    const selected = asked ?? list.data.agencies[0]?.id ?? null;
    body = (
      <Table striped highlightOnHover aria-label="Agencies" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Agency</Table.Th>
            <Table.Th ta="right">At agency</Table.Th>
            <Table.Th ta="right">Placed balance</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data.agencies.map((a) => (
            <Table.Tr
              key={a.id}
              aria-current={a.id === selected ? 'true' : undefined}
              bg={a.id === selected ? 'var(--mantine-color-blue-light)' : undefined}
            >
              <Table.Td>
                <UnstyledButton onClick={() => navigate(`/agencies?agency=${a.id}`)} w="100%">
                  <Text size="sm" fw={a.id === selected ? 600 : 400}>
                    {a.name}
                  </Text>
                  {!a.active && (
                    <Badge size="xs" color="gray" variant="light">
                      Not in use
                    </Badge>
                  )}
                </UnstyledButton>
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                {a.placedNow}
              </Table.Td>
              <Table.Td ta="right">
                <Money value={a.placedBalance} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    );
  }
  const selected = list.data ? (asked ?? list.data.agencies[0]?.id ?? null) : null;

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h3">
          Collection agencies
        </Title>
        {list.data?.canChange ? (
          <Button onClick={() => setAdding(true)}>Add agency</Button>
        ) : (
          list.data && (
            <Text size="sm" c="dimmed">
              Only a supervisor can add agencies and place accounts.
            </Text>
          )
        )}
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder radius="sm" p="xs">
            {body}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {selected !== null && list.data && (
            <AgencyDetail key={selected} agencyId={selected} canChange={list.data.canChange} />
          )}
        </Grid.Col>
      </Grid>
      {adding && <AgencyForm agency={null} onClose={() => setAdding(false)} />}
    </Stack>
  );
}
