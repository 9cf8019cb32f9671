import { Button, Group, Kbd } from '@mantine/core';
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
    if (d === 'plan' && noPlan) {
      notifications.show({ color: 'gray', message: noPlan });
      return;
    }
    setDialog(d);
  };
  useImperativeHandle(ref, () => ({ open }));
  const close = () => setDialog(null);
  return (
    <>
      <Group gap="xs">
        {view.balance.patient > 0 && (
          <Button variant="filled" onClick={() => open('pay')}>
            Take payment
          </Button>
        )}
        {!noPlan && (
          <Button
            variant="light"
            onClick={() => open('plan')}
            rightSection={<Kbd size="xs">P</Kbd>}
            title="Set up a payment plan (P)"
          >
            Payment plan
          </Button>
        )}
        {view.balance.patient > 0 && (
          <Button variant="default" onClick={() => open('promise')}>
            Promise to pay
          </Button>
        )}
        <Button
          variant="default"
          onClick={() => open('adjustment')}
          rightSection={<Kbd size="xs">A</Kbd>}
          title="Post an adjustment (A)"
        >
          Adjustment
        </Button>
        {credit && (
          <Button variant="light" color="green" onClick={() => open('refund')}>
            Refund
          </Button>
        )}
        {!view.guarantor.returnedMail && (
          <Button variant="default" onClick={() => open('returned')}>
            Mail came back
          </Button>
        )}
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
