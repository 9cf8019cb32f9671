import {
  Alert,
  Button,
  Checkbox,
  Group,
  List,
  NumberInput,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { Agency, PlacementPreview } from '../../../shared/api/agencies';
import { DUNNING_STAGE, type DunningStage } from '../../../shared/api/statements';
import { sumCents } from '../../../shared/money/cents';
import { formatCents } from '../../../shared/money/format';
import { api } from '../app/api';
import { invalidateAll } from '../app/query';
import { FormError } from '../components/FormError';
import { Money } from '../components/Money';
import { MoneyInput } from '../components/MoneyInput';
import { amountFrom, amountProblem } from '../components/money-input';
import { UsDate } from '../components/UsDate';
import { downloadText } from '../export/download';
import { RowProblems } from './RowProblems';

/**
 * A supervisor's placement: the rule (stage reached, days since the final notice, balance
 * range, no holds), a preview of the accounts it picks and of those held back with why,
 * then the chosen ones sent; the agency's file is saved at once.
 */
export function PlacementPanel({ agency }: { agency: Agency }) {
  const [stage, setStage] = useState<DunningStage>('pre_collection');
  const [days, setDays] = useState<number>(30);
  const [min, setMin] = useState('');
  const [max, setMax] = useState('');
  const [noHolds, setNoHolds] = useState(true);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const preview = useMutation({
    mutationFn: () =>
      api.previewPlacement({
        agencyId: agency.id,
        minStage: stage,
        minDaysSinceFinalNotice: days,
        minBalance: amountFrom(min) ?? 0,
        maxBalance: amountFrom(max),
        noHolds,
      }),
    onSuccess: (p: PlacementPreview) => setChosen(new Set(p.eligible.map((e) => e.accountId))),
  });
  const place = useMutation({
    mutationFn: () => api.placeAccounts({ agencyId: agency.id, accountIds: [...chosen] }),
    onSuccess: async (result) => {
      downloadText(result.file.fileName, result.file.text);
      notifications.show({
        color: 'green',
        message: `${result.message} File: ${result.file.fileName}.`,
      });
      preview.reset();
      setChosen(new Set());
      await invalidateAll();
    },
  });
  const changed = () => {
    preview.reset();
    place.reset();
  };
  const p = preview.data;
  const chosenBalance = sumCents(
    (p?.eligible ?? []).filter((e) => chosen.has(e.accountId)).map((e) => e.balance),
  );
  const toggle = (id: number, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };
  const amountsBad = Boolean(amountProblem(min) ?? amountProblem(max));

  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label="Dunning stage reached"
          data={DUNNING_STAGE.keys.map((k) => ({ value: k, label: DUNNING_STAGE.labels[k] }))}
          value={stage}
          allowDeselect={false}
          onChange={(v) => {
            const found = DUNNING_STAGE.keys.find((k) => k === v);
            if (found) setStage(found);
            changed();
          }}
          w={200}
        />
        <NumberInput
          label="Days since final notice"
          min={0}
          max={3650}
          allowDecimal={false}
          value={days}
          onChange={(v) => {
            setDays(typeof v === 'number' ? v : 0);
            changed();
          }}
          w={170}
        />
        <MoneyInput
          label="Balance from"
          value={min}
          onChange={(e) => {
            setMin(e.currentTarget.value);
            changed();
          }}
          error={amountProblem(min)}
          w={140}
        />
        <MoneyInput
          label="Balance up to"
          value={max}
          onChange={(e) => {
            setMax(e.currentTarget.value);
            changed();
          }}
          error={amountProblem(max)}
          w={140}
        />
        <Checkbox
          label="No holds"
          checked={noHolds}
          onChange={(e) => {
            setNoHolds(e.currentTarget.checked);
            changed();
          }}
          mb={8}
        />
        <Button
          onClick={() => preview.mutate()}
          loading={preview.isPending}
          disabled={amountsBad || !agency.active}
        >
          Preview placement
        </Button>
      </Group>
      {!agency.active && (
        <Text size="sm" c="dimmed">
          {agency.name} is not in use; no account can be placed with it.
        </Text>
      )}
      <FormError error={preview.error} />
      {p && (
        <>
          <Text size="sm" aria-live="polite">
            {p.eligible.length === 0
              ? 'No account fits the rule and may be placed today.'
              : `${p.eligible.length} ${p.eligible.length === 1 ? 'account fits' : 'accounts fit'} the rule, ${formatCents(p.eligibleBalance)} in all; ${chosen.size} chosen (${formatCents(chosenBalance)}).`}
          </Text>
          {p.eligible.length > 0 && (
            <ScrollArea.Autosize mah={320}>
              <Table striped verticalSpacing={4} aria-label="Accounts to place">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={40}>
                      <Checkbox
                        aria-label="Choose every account"
                        checked={chosen.size === p.eligible.length}
                        indeterminate={chosen.size > 0 && chosen.size < p.eligible.length}
                        onChange={(e) =>
                          setChosen(
                            e.currentTarget.checked
                              ? new Set(p.eligible.map((x) => x.accountId))
                              : new Set(),
                          )
                        }
                      />
                    </Table.Th>
                    <Table.Th>Account</Table.Th>
                    <Table.Th>Guarantor</Table.Th>
                    <Table.Th>Stage</Table.Th>
                    <Table.Th>Final notice</Table.Th>
                    <Table.Th ta="right">Patient balance</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.eligible.map((e) => (
                    <Table.Tr key={e.accountId}>
                      <Table.Td>
                        <Checkbox
                          aria-label={`Place ${e.accountNumber}`}
                          checked={chosen.has(e.accountId)}
                          onChange={(ev) => toggle(e.accountId, ev.currentTarget.checked)}
                        />
                      </Table.Td>
                      <Table.Td>{e.accountNumber}</Table.Td>
                      <Table.Td>{e.guarantorName}</Table.Td>
                      <Table.Td>{DUNNING_STAGE.labels[e.stage]}</Table.Td>
                      <Table.Td>
                        <UsDate value={e.finalNoticeDate} />
                      </Table.Td>
                      <Table.Td ta="right">
                        <Money value={e.balance} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          )}
          {p.excluded.length > 0 && (
            <Alert color="yellow" title="Held back from placement">
              <ScrollArea.Autosize mah={160}>
                <List size="sm" aria-label="Accounts held back">
                  {p.excluded.map((x) => (
                    <List.Item key={x.accountId}>
                      {x.accountNumber}: {x.reason}
                    </List.Item>
                  ))}
                </List>
              </ScrollArea.Autosize>
              {p.excludedNotListed > 0 && (
                <Text size="xs" c="dimmed">
                  And {p.excludedNotListed} more.
                </Text>
              )}
            </Alert>
          )}
          {p.eligible.length > 0 && (
            <Group>
              <Button
                color="orange"
                onClick={() => place.mutate()}
                loading={place.isPending}
                disabled={chosen.size === 0}
              >
                Place {chosen.size} {chosen.size === 1 ? 'account' : 'accounts'} with {agency.name}
              </Button>
            </Group>
          )}
          <RowProblems error={place.error} title="Nothing was placed" />
        </>
      )}
    </Stack>
  );
}
