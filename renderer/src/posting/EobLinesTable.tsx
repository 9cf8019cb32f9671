import { Table, Text, TextInput } from '@mantine/core';
import { cents } from '../../../shared/money/cents';
import { Money } from '../components/Money';
import { amountOrZero } from '../components/money-input';
import {
  blankAmounts,
  EOB_COLUMNS,
  rowProblem,
  rowTotal,
  type EobAmounts,
  type EobColumn,
  type EobRow,
} from './eob-lines';

/**
 * The claim's lines with an input per EOB column; Tab runs across a line, then down.
 * Running totals underneath; a line that accounts for more than its charge says so.
 */
export function EobLinesTable(props: {
  rows: EobRow[];
  amounts: Record<string, EobAmounts>;
  onChange: (rowKey: string, column: EobColumn, value: string) => void;
  serverErrors: Record<string, string>;
}) {
  const { rows, amounts } = props;
  const total = (k: EobColumn) =>
    cents(rows.reduce((s, r) => s + amountOrZero(amounts[r.key]?.[k] ?? ''), 0));
  return (
    <Table aria-label="EOB lines" withTableBorder verticalSpacing={2}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Line</Table.Th>
          <Table.Th ta="right">Charge</Table.Th>
          {EOB_COLUMNS.map(([k, label]) => (
            <Table.Th key={k} ta="right">
              {label}
            </Table.Th>
          ))}
          <Table.Th ta="right">Line total</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => {
          const a = amounts[r.key];
          if (!a) return null;
          const problem = rowProblem(r, a) ?? props.serverErrors[r.key];
          return [
            <Table.Tr key={r.key}>
              <Table.Td className="tabular">{r.label}</Table.Td>
              <Table.Td ta="right">
                <Money value={r.charge} size="sm" />
              </Table.Td>
              {EOB_COLUMNS.map(([k, label]) => (
                <Table.Td key={k} ta="right">
                  <TextInput
                    size="xs"
                    aria-label={`${label}, line ${r.label}`}
                    value={a[k]}
                    onChange={(e) => props.onChange(r.key, k, e.currentTarget.value)}
                    error={Boolean(problem)}
                    w={96}
                    ml="auto"
                    styles={{ input: { textAlign: 'right' } }}
                    className="tabular"
                    autoComplete="off"
                  />
                </Table.Td>
              ))}
              <Table.Td ta="right">
                <Money
                  value={cents(rowTotal(a))}
                  size="sm"
                  fw={600}
                  c={problem ? 'red.8' : undefined}
                />
              </Table.Td>
            </Table.Tr>,
            problem && (
              <Table.Tr key={`${r.key}-problem`}>
                <Table.Td />
                <Table.Td colSpan={EOB_COLUMNS.length + 2}>
                  <Text size="xs" c="red" role="alert">
                    Line {r.label}: {problem}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ),
          ];
        })}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr fw={600}>
          <Table.Td>Total</Table.Td>
          <Table.Td ta="right">
            <Money value={cents(rows.reduce((s, r) => s + r.charge, 0))} size="sm" />
          </Table.Td>
          {EOB_COLUMNS.map(([k]) => (
            <Table.Td key={k} ta="right">
              <Money value={total(k)} size="sm" fw={600} />
            </Table.Td>
          ))}
          <Table.Td ta="right">
            <Money
              value={cents(
                rows.reduce((s, r) => s + rowTotal(amounts[r.key] ?? blankAmounts()), 0),
              )}
              size="sm"
              fw={600}
            />
          </Table.Td>
        </Table.Tr>
      </Table.Tfoot>
    </Table>
  );
}
