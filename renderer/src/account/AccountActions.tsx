import { Button, Group, Kbd, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useImperativeHandle, useState, type Ref } from 'react';
import type { AccountView } from '../../../shared/api/accounts';
import { planBlocker } from './account-rules';
import { AdjustmentModal } from './AdjustmentModal';
import { PlanSetupModal } from './PlanSetupModal';
import { PromiseModal } from './PromiseModal';
import { RefundModal } from './RefundModal';
import { ReturnedMailModal } from './ReturnedMailModal';
import { TakePaymentModal } from './TakePaymentModal';

type Dialog = 'pay' | 'plan' | 'promise' | 'adjustment' | 'refund' | 'returned' | 'envelopes';

export interface AccountActionsHandle {
  open(dialog: Dialog): void;
}

/** The money actions on an account: payment, plan, promise, adjustment, refund (when in credit). */
export function AccountActions({
  view,
  ref,
}: {
  view: AccountView;
  ref?: Ref<AccountActionsHandle>;
}) {
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const noPlan = planBlocker(view);
  const credit = view.balance.patient < 0 || view.balance.insurance < 0;
  const open = (d: Dialog) => {
    // a hotkey for something not possible here says why instead of doing nothing
    if (d === 'plan' && noPlan !== null) {
      notifications.show({ color: 'gray', message: noPlan });
      return;
    }
    setDialog(d);
  };
  useImperativeHandle(ref, () => ({ open }));
  const close = () => setDialog(null);
  const noPromise = view.balance.patient > 0 ? null : 'Nothing is owed by the patient to promise.';
  const noPayment = view.balance.patient > 0 ? null : 'Nothing is owed by the patient to pay.';
  const noRefund = credit ? null : 'The account is not in credit.';
  const noReturned = view.guarantor.returnedMail ? 'The address is already marked bad.' : null;
  return (
    <>
      {/* every button stays in its place on every account: one not possible here is
          disabled with its reason, so the row never shifts from one account to the next */}
      <Group gap="xs" wrap="nowrap">
        <Button
          variant="filled"
          disabled={noPayment !== null}
          title={noPayment ?? undefined}
          onClick={() => open('pay')}
        >
          Take payment
        </Button>
        <Button
          variant="light"
          disabled={noPlan !== null}
          onClick={() => open('plan')}
          rightSection={<Kbd size="xs">P</Kbd>}
          title={noPlan ?? 'Set up a payment plan (P)'}
        >
          Payment plan
        </Button>
        <Button
          variant="default"
          disabled={noPromise !== null}
          title={noPromise ?? undefined}
          onClick={() => open('promise')}
        >
          Promise to pay
        </Button>
        <Button
          variant="default"
          onClick={() => open('adjustment')}
          rightSection={<Kbd size="xs">A</Kbd>}
          title="Post an adjustment (A)"
        >
          Adjustment
        </Button>
        <Button
          variant="light"
          color="green"
          disabled={noRefund !== null}
          title={noRefund ?? undefined}
          onClick={() => open('refund')}
        >
          Refund
        </Button>
        <Button
          variant="default"
          disabled={noReturned !== null}
          title={noReturned ?? undefined}
          onClick={() => open('returned')}
        >
          Mail came back
        </Button>
        <Button variant="subtle" onClick={() => open('envelopes')}>
          Returned envelopes
        </Button>
      </Group>
      {dialog === 'pay' && <TakePaymentModal view={view} onClose={close} />}
      {dialog === 'plan' && <PlanSetupModal view={view} onClose={close} />}
      {dialog === 'promise' && <PromiseModal view={view} onClose={close} />}
      {dialog === 'adjustment' && <AdjustmentModal view={view} onClose={close} />}
      {dialog === 'refund' && credit && <RefundModal view={view} onClose={close} />}
      {(dialog === 'returned' || dialog === 'envelopes') && (
        <ReturnedMailModal
          accountId={view.account.id}
          guarantorName={view.guarantor.fullName}
          today={view.today}
          batch={dialog === 'envelopes'}
          onClose={close}
        />
      )}
    </>
  );
}

/** The account's keyboard shortcuts, only those that do something on this account. */
export function ShortcutLegend({ view }: { view: AccountView }) {
  const keysHere: [string, string][] = [
    ['N', 'note'],
    ['C', 'call'],
    ['F', 'follow-up'],
    ...(planBlocker(view) === null ? [['P', 'plan'] as [string, string]] : []),
    ['A', 'adjustment'],
  ];
  return (
    <Text size="xs" c="dimmed">
      {keysHere.map(([key, label], i) => (
        <span key={key}>
          {i > 0 && ' · '}
          <Kbd size="xs">{key}</Kbd> {label}
        </span>
      ))}
    </Text>
  );
}
