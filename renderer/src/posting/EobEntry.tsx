import {
  Alert,
  Button,
  Group,
  Input,
  Radio,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { AccountView, ClaimView } from '../../../shared/api/accounts';
import type { BatchSummary } from '../../../shared/api/batches';
import { isIsoDate } from '../../../shared/dates/iso-date';
import { formatCents } from '../../../shared/money/format';
import { api } from '../app/api';
import { fieldErrors, invalidateAll } from '../app/query';
import { FormError } from '../components/FormError';
import { useAccountLookup } from './account-lookup';
import { AccountField } from './AccountField';
import {
  anyRowProblem,
  blankAmounts,
  claimOptions,
  eobRows,
  eobShare,
  lineErrors,
  lineInput,
  rowsToSend,
  type EobAmounts,
} from './eob-lines';
import { EobLinesTable } from './EobLinesTable';

function EobForm({
  batch,
  view,
  claim,
  onPosted,
}: {
  batch: BatchSummary;
  view: AccountView;
  claim: ClaimView;
  onPosted: (message: string) => void;
}) {
  const rows = eobRows(claim);
  const [amounts, setAmounts] = useState<Record<string, EobAmounts>>(() =>
    Object.fromEntries(rows.map((r) => [r.key, blankAmounts()])),
  );
  const [method, setMethod] = useState<'check' | 'eft'>('check');
  const [checkNumber, setCheckNumber] = useState('');
  const [eobDate, setEobDate] = useState<string | null>(batch.depositDate);
  const [payerClaimNumber, setPayerClaimNumber] = useState(claim.payerClaimNumber ?? '');
  const [shareTo, setShareTo] = useState<'patient' | 'secondary'>('patient');
  const hasSecondary = view.coverages.some((c) => c.priority === 2);
  const problems = anyRowProblem(rows, amounts);
  const share = eobShare(rows, amounts);
  const sent = rowsToSend(rows, amounts);
  const post = useMutation({
    mutationFn: () =>
      api.postInsurancePayment({
        accountId: view.account.id,
        claimId: claim.id,
        batchId: batch.id,
        method,
        checkNumber,
        eobDate: eobDate ?? '',
        payerClaimNumber,
        patientShareTo: shareTo,
        lines: sent.map((r) => lineInput(r, amounts[r.key] ?? blankAmounts())),
      }),
    onSuccess: async (result) => {
      notifications.show({ color: 'green', message: result.message });
      onPosted(result.message);
      await invalidateAll();
    },
  });
  const errors = fieldErrors(post.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!problems) post.mutate();
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Insurance EOB">
      <Stack gap="sm">
        <EobLinesTable
          rows={rows}
          amounts={amounts}
          onChange={(key, column, value) =>
            setAmounts((prev) => ({
              ...prev,
              [key]: { ...(prev[key] ?? blankAmounts()), [column]: value },
            }))
          }
          serverErrors={lineErrors(sent, errors)}
        />
        {errors.lines && (
          <Text size="sm" c="red" role="alert">
            {errors.lines}
          </Text>
        )}
        <Group align="flex-start" gap="sm">
          <Input.Wrapper label="Paid by" required id="eob-method-label">
            <SegmentedControl
              display="flex"
              value={method}
              onChange={(v) => setMethod(v === 'eft' ? 'eft' : 'check')}
              data={[
                { value: 'check', label: 'Check' },
                { value: 'eft', label: 'EFT' },
              ]}
              aria-labelledby="eob-method-label"
            />
          </Input.Wrapper>
          <TextInput
            label={method === 'check' ? 'Check number' : 'EFT trace number'}
            required
            value={checkNumber}
            onChange={(e) => setCheckNumber(e.currentTarget.value)}
            error={errors.checkNumber}
            w={180}
            autoComplete="off"
          />
          <DateInput
            label="EOB date"
            required
            valueFormat="MM/DD/YYYY"
            maxDate={view.today}
            value={eobDate}
            onChange={(v) => setEobDate(v && isIsoDate(v) ? v : null)}
            error={errors.eobDate}
            w={150}
          />
          <TextInput
            label="Payer claim number"
            value={payerClaimNumber}
            onChange={(e) => setPayerClaimNumber(e.currentTarget.value)}
            error={errors.payerClaimNumber}
            w={180}
          />
        </Group>
        <Radio.Group
          label={`Patient share (${formatCents(share)}) goes to`}
          value={shareTo}
          onChange={(v) => setShareTo(v === 'secondary' ? 'secondary' : 'patient')}
          error={errors.patientShareTo}
        >
          <Group gap="lg" mt={4}>
            <Radio value="patient" label="The patient" />
            {hasSecondary && <Radio value="secondary" label="The secondary payer (bill it)" />}
          </Group>
        </Radio.Group>
        {!hasSecondary && (
          <Text size="xs" c="dimmed">
            The account has no secondary coverage, so the patient share goes to the patient.
          </Text>
        )}
        <FormError
          error={post.error}
          fields={[
            'checkNumber',
            'eobDate',
            'payerClaimNumber',
            'patientShareTo',
            'lines',
            ...sent.map((_, i) => `lines.${i}`),
          ]}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={post.isPending} disabled={problems}>
            Post EOB
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Posts a paper EOB: find the account, pick the claim, key the EOB line by line. */
export function EobEntry({ batch }: { batch: BatchSummary }) {
  const [accountNumber, setAccountNumber] = useState('');
  const [claimId, setClaimId] = useState<string | null>(null);
  const [posted, setPosted] = useState<string | null>(null);
  const lookup = useAccountLookup(accountNumber);
  const view = lookup.state === 'found' ? lookup.view : undefined;
  const claim = view?.claims.find((c) => String(c.id) === claimId);
  return (
    <Stack gap="sm">
      <Group align="flex-start" gap="sm">
        <AccountField
          value={accountNumber}
          onChange={(v) => {
            setAccountNumber(v);
            setClaimId(null);
          }}
          lookup={lookup}
        />
        {view && (
          <Select
            label="Claim"
            required
            placeholder={
              view.claims.length ? 'Pick the claim on the EOB' : 'This account has no claims'
            }
            data={claimOptions(view)}
            value={claimId}
            onChange={(v) => {
              setClaimId(v);
              setPosted(null);
            }}
            w={520}
            disabled={view.claims.length === 0}
          />
        )}
      </Group>
      {posted && (
        <Alert color="green" title="EOB posted" role="status">
          {posted}
        </Alert>
      )}
      {view && claim && (
        // a new key per claim (and after posting) starts the table empty
        <EobForm
          key={`${claim.id}-${posted ?? ''}`}
          batch={batch}
          view={view}
          claim={claim}
          onPosted={setPosted}
        />
      )}
    </Stack>
  );
}
