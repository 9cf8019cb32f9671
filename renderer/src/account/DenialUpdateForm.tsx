import { Button, Checkbox, Group, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { DenialView } from '../../../shared/api/denials';
import {
  APPEAL_LEVEL,
  APPEAL_RESPONSE,
  DENIAL_RESOLUTION,
  DENIAL_STATE,
  type AppealLevel,
  type AppealResponse,
  type DenialResolution,
  type DenialState,
} from '../../../shared/codes/denials';
import { isIsoDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { fieldErrors, invalidateAll } from '../app/query';
import { FormError } from '../components/FormError';
import { optionsOf } from '../components/options';
import { nextState } from './account-rules';

/**
 * Moves a denial to its next state (or any other), with the level, the outcome and a note,
 * and, when the payer answered the appeal, its letter's date and reference number: a
 * second-level appeal cites them.
 */
export function DenialUpdateForm({
  denial: d,
  onDone,
}: {
  denial: DenialView;
  onDone: () => void;
}) {
  const [state, setState] = useState<DenialState>(() => nextState(d));
  const [level, setLevel] = useState<AppealLevel>(d.appealLevel);
  const [resolution, setResolution] = useState<DenialResolution | null>(null);
  const [note, setNote] = useState('');
  const [answered, setAnswered] = useState(false);
  const [answer, setAnswer] = useState<AppealResponse>('upheld');
  const [letterDate, setLetterDate] = useState<string | null>(null);
  const [reference, setReference] = useState('');
  const update = useMutation({
    mutationFn: () =>
      api.updateDenial({
        denialId: d.id,
        state,
        appealLevel: level,
        resolution: state === 'resolved' ? resolution : null,
        note,
        response: answered ? { kind: answer, letterDate: letterDate ?? '', reference } : null,
      }),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: `Denial on claim ${d.claimNumber} is now ${DENIAL_STATE.labels[state].toLowerCase()}.`,
      });
      await invalidateAll();
      onDone();
    },
  });
  const errors = fieldErrors(update.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate();
  };
  const label = `Update denial on claim ${d.claimNumber}`;
  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <Stack gap="xs">
        <Group gap="sm" align="flex-start" grow>
          <Select
            label="New state"
            required
            allowDeselect={false}
            data={optionsOf(DENIAL_STATE.keys, DENIAL_STATE.labels).filter(
              (o) => o.value !== d.state,
            )}
            value={state}
            onChange={(v) => v && setState(v as DenialState)}
            error={errors.state}
          />
          <Select
            label="Appeal level"
            allowDeselect={false}
            data={optionsOf(APPEAL_LEVEL.keys, APPEAL_LEVEL.labels)}
            value={level}
            onChange={(v) => v && setLevel(v as AppealLevel)}
            error={errors.appealLevel}
          />
          {state === 'resolved' && (
            <Select
              label="Resolution"
              required
              placeholder="How did it end?"
              data={optionsOf(DENIAL_RESOLUTION.keys, DENIAL_RESOLUTION.labels)}
              value={resolution}
              onChange={(v) => setResolution(v as DenialResolution | null)}
              error={errors.resolution}
            />
          )}
        </Group>
        <Checkbox
          label={`The payer answered the ${APPEAL_LEVEL.labels[d.appealLevel].toLowerCase()} appeal`}
          checked={answered}
          onChange={(e) => setAnswered(e.currentTarget.checked)}
        />
        {answered && (
          <Group gap="sm" align="flex-start" grow>
            <Select
              label="Payer's answer"
              required
              allowDeselect={false}
              data={optionsOf(APPEAL_RESPONSE.keys, APPEAL_RESPONSE.labels)}
              value={answer}
              onChange={(v) => v && setAnswer(v as AppealResponse)}
              error={errors['response.kind']}
            />
            <DateInput
              label="Date of the payer's letter"
              required
              value={letterDate}
              onChange={(v) => setLetterDate(v && isIsoDate(v) ? v : null)}
              error={errors['response.letterDate']}
            />
            <TextInput
              label="Payer's reference"
              description="Case or reference number, if the letter gives one"
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
              error={errors['response.reference']}
            />
          </Group>
        )}
        <Textarea
          label="Note"
          autosize
          minRows={1}
          placeholder="Kept in the account history"
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.note}
        />
        <FormError
          error={update.error}
          fields={[
            'state',
            'appealLevel',
            'resolution',
            'note',
            'response.kind',
            'response.letterDate',
            'response.reference',
          ]}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="xs" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" size="xs" loading={update.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
