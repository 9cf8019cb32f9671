import {
  Badge,
  Grid,
  Group,
  Paper,
  ScrollArea,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import type { PayerRow } from '../../../shared/api/payers';
import { api } from '../app/api';
import { navigate } from '../app/router';
import { EmptyState, QueryState } from '../components/States';
import { PayerDetail } from './PayerDetail';

/** The payer shown beside the list, in the address so a payer can be linked to. */
export function payersPath(payerId: number | null): string {
  return payerId ? `/payers?payer=${payerId}` : '/payers';
}

function PayerTable({ rows, selected }: { rows: PayerRow[]; selected: number | null }) {
  return (
    <Table striped highlightOnHover aria-label="Payers" verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Payer</Table.Th>
          <Table.Th ta="right">Appeal days</Table.Th>
          <Table.Th ta="right">Open denials</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((p) => (
          <Table.Tr
            key={p.id}
            aria-current={p.id === selected ? 'true' : undefined}
            bg={p.id === selected ? 'var(--mantine-color-blue-light)' : undefined}
          >
            <Table.Td>
              {/* a real button, so Tab reaches each payer and Enter opens it */}
              <UnstyledButton onClick={() => navigate(payersPath(p.id))} w="100%">
                <Text size="sm" fw={p.id === selected ? 600 : 400}>
                  {p.name}
                </Text>
                <Group gap={6}>
                  <Text size="xs" c="dimmed">
                    {p.payerCode}
                  </Text>
                  {!p.reviewed && (
                    <Badge size="xs" color="orange" variant="light">
                      Not reviewed
                    </Badge>
                  )}
                </Group>
              </UnstyledButton>
            </Table.Td>
            <Table.Td ta="right" className="tabular">
              {p.appealWindowDays}
            </Table.Td>
            <Table.Td ta="right" className="tabular">
              {p.openDenials}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * Payers on file, searched by name or payer ID, with the chosen one beside the list: its
 * appeal windows, timely filing limit, addresses and numbers. Everyone reads them; a
 * supervisor changes them.
 */
export function PayersScreen({ params }: { params: URLSearchParams }) {
  const [query, setQuery] = useState('');
  const search = useDeferredValue(query.trim());
  const selected = Number(params.get('payer')) || null;
  const list = useQuery({
    queryKey: ['payers', search],
    queryFn: () => api.listPayers({ query: search }),
    placeholderData: keepPreviousData,
  });

  let body;
  if (list.isPending || list.isError) body = <QueryState query={list} what="the payers" />;
  else if (list.data.total === 0)
    body = search ? (
      <EmptyState title="No payer matches">
        No payer name or payer ID contains “{search}”.
      </EmptyState>
    ) : (
      <EmptyState title="No payers yet">
        A payer is added when an imported claim file names one.
      </EmptyState>
    );
  else
    body = (
      <>
        <ScrollArea.Autosize mah="calc(100vh - 220px)">
          <PayerTable rows={list.data.rows} selected={selected} />
        </ScrollArea.Autosize>
        {list.data.total > list.data.rows.length && (
          <Text size="xs" c="dimmed" p="xs">
            Showing {list.data.rows.length} of {list.data.total}; search to narrow the list.
          </Text>
        )}
      </>
    );

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h3">
          Payers
        </Title>
        {list.data && !list.data.canChange && (
          <Text size="sm" c="dimmed">
            Only a supervisor can change payers.
          </Text>
        )}
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder radius="sm" p="xs">
            <TextInput
              label="Search payers"
              placeholder="Name or payer ID"
              value={query}
              onChange={(e) => setQuery(e.currentTarget.value)}
              mb="xs"
            />
            {body}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Paper withBorder radius="sm" p="sm">
            {selected ? (
              <PayerDetail payerId={selected} />
            ) : (
              <EmptyState title="Choose a payer">
                Its appeal windows, timely filing limit, addresses and numbers show here.
              </EmptyState>
            )}
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
