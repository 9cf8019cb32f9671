import { Group, Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { showCell } from '../../../shared/reports/format';
import type { CellKind, ReportFigure, ReportTable } from '../../../shared/reports/model';

const numeric = (kind: CellKind) => kind !== 'text' && kind !== 'date' && kind !== 'month';

/** The headline figures, each with its label. */
export function ReportFigures({ figures }: { figures: ReportFigure[] }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="xs">
      {figures.map((f) => (
        <Paper key={f.label} withBorder radius="sm" p="xs">
          <Text size="xs" c="dimmed">
            {f.label}
          </Text>
          <Text fw={700} className="tabular" data-figure={f.label}>
            {showCell(f.kind, f.value)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** One table of a report, totals last; numbers right-aligned in tabular figures. */
export function ReportTableView({ table }: { table: ReportTable }) {
  const cell = (key: string, kind: CellKind, value: ReportTable['rows'][number][number]) => (
    <Table.Td
      key={key}
      ta={numeric(kind) ? 'right' : 'left'}
      className={numeric(kind) ? 'tabular' : undefined}
    >
      {showCell(kind, value)}
    </Table.Td>
  );
  return (
    <Paper withBorder radius="sm" p="xs">
      <Group justify="space-between" mb={4}>
        <Title order={3} size="h5" id={`report-table-${table.id}`}>
          {table.title}
        </Title>
      </Group>
      {table.rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing in this period.
        </Text>
      ) : (
        <Table.ScrollContainer
          minWidth={500}
          maxHeight={420}
          // a table taller than its box scrolls from the keyboard too
          scrollAreaProps={{
            viewportProps: { tabIndex: 0, role: 'region', 'aria-label': table.title },
          }}
        >
          <Table
            striped
            highlightOnHover
            stickyHeader
            verticalSpacing={4}
            fz="sm"
            aria-labelledby={`report-table-${table.id}`}
          >
            <Table.Thead>
              <Table.Tr>
                {table.columns.map((c) => (
                  <Table.Th key={c.key} ta={numeric(c.kind) ? 'right' : 'left'}>
                    {c.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {table.rows.map((r, ri) => (
                <Table.Tr key={ri}>
                  {table.columns.map((c, i) => cell(c.key, c.kind, r[i] ?? null))}
                </Table.Tr>
              ))}
            </Table.Tbody>
            {table.total && (
              <Table.Tfoot fw={700}>
                <Table.Tr>
                  {table.columns.map((c, i) => cell(c.key, c.kind, table.total?.[i] ?? null))}
                </Table.Tr>
              </Table.Tfoot>
            )}
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
