import { Badge, ScrollArea, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import type { LedgerEntryView } from '../../../shared/api/accounts';
import { LEDGER_KIND, LEDGER_SIDE } from '../../../shared/codes/enums';
import { formatUsDate, type IsoDate } from '../../../shared/dates/iso-date';
import { formatCents } from '../../../shared/money/format';
import { Money } from '../components/Money';
import { Section } from '../components/Section';
import { EmptyState } from '../components/States';
import { UsDate } from '../components/UsDate';
import { notReversible } from './account-rules';
import { LedgerReverse } from './LedgerReverse';
import { ReverseButton } from '../components/ReverseButton';

export function LedgerCard({ ledger, today }: { ledger: LedgerEntryView[]; today: IsoDate }) {
  const [reversing, setReversing] = useState<LedgerEntryView | null>(null);
  return (
    <Section title="Ledger" id="ledger-title">
      {ledger.length === 0 ? (
        <EmptyState title="Nothing posted yet">
          Charges, payments and adjustments will appear here.
        </EmptyState>
      ) : (
        <ScrollArea.Autosize mah={420}>
          <Table aria-label="Ledger" stickyHeader striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Posted</Table.Th>
                <Table.Th>Entry</Table.Th>
                <Table.Th>Side</Table.Th>
                <Table.Th>Claim</Table.Th>
                <Table.Th>Reference / reason</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
                <Table.Th ta="right">Balance</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {ledger.map((l) => (
                <Table.Tr key={l.id} c={l.reversedById || l.reversesId ? 'dimmed' : undefined}>
                  <Table.Td>
                    <UsDate value={l.postingDate} />
                  </Table.Td>
                  <Table.Td>
                    {LEDGER_KIND.labels[l.kind]}
                    {l.reversesId && (
                      <Badge size="xs" ml={4} color="gray" variant="outline">
                        reversal
                      </Badge>
                    )}
                    {l.reversedById && (
                      <Badge size="xs" ml={4} color="gray" variant="outline">
                        reversed
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{LEDGER_SIDE.labels[l.side]}</Table.Td>
                  <Table.Td className="tabular">{l.claimNumber ?? ''}</Table.Td>
                  <Table.Td>
                    <Text
                      size="sm"
                      truncate="end"
                      maw={220}
                      title={[l.reference, l.reasonCode, l.memo].filter(Boolean).join(' · ')}
                    >
                      {[l.reference, l.reasonCode, l.memo].filter(Boolean).join(' · ')}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Money value={l.amount} size="sm" />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Money value={l.runningBalance} size="sm" fw={600} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <ReverseButton
                      blocked={notReversible(l)}
                      hint={
                        l.receiptId !== null ? 'Reverse the whole payment' : 'Reverse this entry'
                      }
                      label={`Reverse ${LEDGER_KIND.labels[l.kind].toLowerCase()} of ${formatCents(l.amount)} posted ${formatUsDate(l.postingDate)}`}
                      onClick={() => setReversing(l)}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
      {reversing && (
        <LedgerReverse
          entry={reversing}
          ledger={ledger}
          today={today}
          onClose={() => setReversing(null)}
        />
      )}
    </Section>
  );
}
