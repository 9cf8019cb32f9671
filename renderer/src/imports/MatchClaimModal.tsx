import {
  Button,
  Group,
  Loader,
  Modal,
  Radio,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { RemittanceExceptionView } from '../../../shared/api/imports';
import { CLAIM_STATUS } from '../../../shared/codes/enums';
import { formatUsDate } from '../../../shared/dates/iso-date';
import { formatCents } from '../../../shared/money/format';
import { api } from '../app/api';
import { fieldErrors, invalidateAll, keys, messageOf } from '../app/query';
import { FormError } from '../components/FormError';
import { oneResultPerAccount } from '../search/results';

/**
 * Posts a remittance claim that matched nothing to the claim a person finds: type a claim
 * or account number, pick the account, pick its claim, confirm.
 */
export function MatchClaimModal({
  exception: e,
  onClose,
}: {
  exception: RemittanceExceptionView;
  onClose: () => void;
}) {
  const [text, setText] = useState('');
  const [query] = useDebouncedValue(text.trim(), 200);
  const [picked, setPicked] = useState<number | null>(null);
  const [claimId, setClaimId] = useState<number | null>(null);
  const [note, setNote] = useState('');

  const search = useQuery({
    queryKey: keys.search(query),
    queryFn: () => api.search({ query, limit: 20 }),
    enabled: query.length > 0,
  });
  const accounts = query ? oneResultPerAccount(search.data?.results ?? []) : [];
  const accountId = picked ?? (accounts.length === 1 ? (accounts[0]?.accountId ?? null) : null);
  const account = useQuery({
    queryKey: keys.account(accountId ?? 0),
    queryFn: () => api.getAccount({ accountId: accountId ?? 0 }),
    enabled: accountId !== null,
  });
  const claims = accountId !== null ? (account.data?.claims ?? []) : [];
  // a typed claim number picks its claim; otherwise an account with one claim picks that
  const typed = claims.find((c) => c.claimNumber.toUpperCase() === query.toUpperCase());
  const chosen =
    claims.find((c) => c.id === claimId) ?? typed ?? (claims.length === 1 ? claims[0] : undefined);

  const match = useMutation({
    mutationFn: () =>
      api.resolveRemittanceException({
        exceptionId: e.id,
        action: 'match',
        claimId: chosen?.id ?? null,
        note,
      }),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: `Posted ${e.patientControlNumber} to claim ${chosen?.claimNumber ?? ''}.`,
      });
      await invalidateAll();
      onClose();
    },
  });
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (chosen) match.mutate();
  };
  const errors = fieldErrors(match.error);

  return (
    <Modal opened onClose={onClose} title="Match to claim" size="lg">
      <form onSubmit={submit} noValidate aria-label="Match to claim">
        <Stack gap="sm">
          <Text size="sm">
            {e.payerName} paid {formatCents(e.paid)} of {formatCents(e.charge)} for patient control
            number <b>{e.patientControlNumber}</b>
            {e.patientName ? ` (${e.patientName})` : ''}. Find the claim it belongs to.
          </Text>
          <TextInput
            label="Claim or account number"
            data-autofocus
            value={text}
            onChange={(ev) => {
              setText(ev.currentTarget.value);
              setPicked(null);
              setClaimId(null);
            }}
            rightSection={search.isFetching ? <Loader size="xs" /> : null}
            autoComplete="off"
          />
          {search.isError && (
            <Text size="sm" c="red" role="alert">
              {messageOf(search.error)}
            </Text>
          )}
          {query && search.isSuccess && accounts.length === 0 && (
            <Text size="sm" c="dimmed">
              No account or claim matches “{query}”.
            </Text>
          )}
          {accounts.length > 1 && (
            <Radio.Group
              label="Account"
              value={accountId ? String(accountId) : null}
              onChange={(v) => {
                setPicked(Number(v));
                setClaimId(null);
              }}
            >
              <Stack gap={4} mt={4}>
                {accounts.map((a) => (
                  <Radio
                    key={a.accountId}
                    value={String(a.accountId)}
                    label={`${a.accountNumber} · ${a.patientName} · service ${formatUsDate(a.serviceDate)}`}
                  />
                ))}
              </Stack>
            </Radio.Group>
          )}
          {accountId !== null && account.isPending && <Loader size="xs" />}
          {account.data && (
            <Radio.Group
              label={`Claim on account ${account.data.account.accountNumber} (${account.data.patient.fullName})`}
              value={chosen ? String(chosen.id) : null}
              onChange={(v) => setClaimId(Number(v))}
              error={errors.claimId}
            >
              {claims.length === 0 ? (
                <Text size="sm" c="dimmed">
                  This account has no claims.
                </Text>
              ) : (
                <Stack gap={4} mt={4}>
                  {claims.map((c) => (
                    <Radio
                      key={c.id}
                      value={String(c.id)}
                      label={`${c.claimNumber} · ${c.payerName} · ${CLAIM_STATUS.labels[c.status]} · charge ${formatCents(c.totalCharge)} · open ${formatCents(c.balance)}`}
                    />
                  ))}
                </Stack>
              )}
            </Radio.Group>
          )}
          <Textarea
            label="Note"
            autosize
            minRows={1}
            value={note}
            onChange={(ev) => setNote(ev.currentTarget.value)}
            error={errors.note}
          />
          <FormError error={match.error} fields={['claimId', 'note']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={!chosen} loading={match.isPending}>
              {chosen ? `Post to claim ${chosen.claimNumber}` : 'Pick a claim'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
