import {
  Alert,
  Button,
  Group,
  Input,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { AccountView } from '../../../shared/api/accounts';
import type { AdjustmentResult } from '../../../shared/api/posting';
import { ADJUSTMENT_CATEGORY, type LedgerSide } from '../../../shared/codes/enums';
import { formatCents } from '../../../shared/money/format';
import { api } from '../app/api';
import { fieldErrors, invalidateAll, keys } from '../app/query';
import { BalanceAmount } from '../components/BalanceAmount';
import { FormError } from '../components/FormError';
import { MoneyInput } from '../components/MoneyInput';
import { amountFrom, amountProblem } from '../components/money-input';

/**
 * Writes off part of a balance for a reason from the office's list. Above the approval
 * limit it becomes a request that waits for a supervisor; the modal then says so.
 */
export function AdjustmentModal({ view, onClose }: { view: AccountView; onClose: () => void }) {
  const reasons = useQuery({
    queryKey: keys.adjustmentReasons,
    queryFn: () => api.listAdjustmentReasons({}),
  });
  const [reasonCode, setReasonCode] = useState<string | null>(null);
  const [side, setSide] = useState<LedgerSide>(view.balance.patient > 0 ? 'patient' : 'insurance');
  const [claimId, setClaimId] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const [memo, setMemo] = useState('');
  const [pending, setPending] = useState<AdjustmentResult | null>(null);
  const save = useMutation({
    mutationFn: () =>
      api.postAdjustment({
        accountId: view.account.id,
        claimId: claimId ? Number(claimId) : null,
        side,
        // blank is $0.00, which the server refuses with its own wording
        amount: amountFrom(amount) ?? 0,
        reasonCode: reasonCode ?? '',
        memo,
      }),
    onSuccess: async (result) => {
      await invalidateAll();
      if (result.status === 'pending_approval') {
        notifications.show({
          color: 'yellow',
          message: 'Write-off waiting for supervisor approval.',
        });
        setPending(result);
        return;
      }
      notifications.show({ color: 'green', message: result.message });
      onClose();
    },
  });
  const errors = fieldErrors(save.error);
  const typo = amountProblem(amount);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!typo) save.mutate();
  };
  // grouped by category so a charity write-off is not picked for a small balance
  const reasonData = ADJUSTMENT_CATEGORY.keys
    .map((c) => ({
      group: ADJUSTMENT_CATEGORY.labels[c],
      items: (reasons.data?.reasons ?? [])
        .filter((r) => r.active && r.category === c)
        .map((r) => ({ value: r.code, label: r.label })),
    }))
    .filter((g) => g.items.length > 0);

  return (
    <Modal opened onClose={onClose} title="Adjustment (write-off)" size="lg">
      {pending ? (
        <Stack gap="sm">
          <Alert color="yellow" title="Waiting for supervisor approval" role="status">
            {pending.message}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Adjustment">
          <Stack gap="xs">
            <Select
              label="Reason"
              required
              searchable
              placeholder={reasons.isPending ? 'Loading reasons…' : 'Choose a reason'}
              data={reasonData}
              value={reasonCode}
              onChange={setReasonCode}
              error={errors.reasonCode}
              data-autofocus
            />
            <Group align="flex-start" gap="sm" grow>
              <Input.Wrapper label="Side" required id="adjustment-side-label">
                <SegmentedControl
                  display="flex"
                  value={side}
                  onChange={(v) => setSide(v === 'insurance' ? 'insurance' : 'patient')}
                  data={[
                    { value: 'patient', label: 'Patient' },
                    { value: 'insurance', label: 'Insurance' },
                  ]}
                  aria-labelledby="adjustment-side-label"
                />
                <Input.Description mt={2}>
                  Open: <BalanceAmount value={view.balance[side]} size="xs" />
                </Input.Description>
              </Input.Wrapper>
              <Select
                label="Claim"
                placeholder="Whole account"
                clearable
                data={view.claims.map((c) => ({
                  value: String(c.id),
                  label: `${c.claimNumber} · ${side === 'insurance' ? formatCents(c.balance) : formatCents(c.patientBalance)} open`,
                }))}
                value={claimId}
                onChange={setClaimId}
                error={errors.claimId}
              />
            </Group>
            <MoneyInput
              label="Amount"
              required
              value={amount}
              onChange={(e) => setAmount(e.currentTarget.value)}
              error={typo ?? errors.amount}
              w={180}
            />
            <Textarea
              label="Explanation"
              required
              autosize
              minRows={2}
              value={memo}
              onChange={(e) => setMemo(e.currentTarget.value)}
              error={errors.memo}
            />
            <FormError error={save.error} fields={['reasonCode', 'claimId', 'amount', 'memo']} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={save.isPending}>
                Post adjustment
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
