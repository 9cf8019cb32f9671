import {
  Button,
  Checkbox,
  Group,
  Modal,
  Radio,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import {
  PLACEMENT_COLUMN,
  REMITTANCE,
  type Agency,
  type PlacementColumn,
  type Remittance,
} from '../../../shared/api/agencies';
import { api } from '../app/api';
import { navigate } from '../app/router';
import { fieldErrors, invalidateAll } from '../app/query';
import { FormError } from '../components/FormError';
import { bpsFrom, percentText } from '../../../shared/money/basis-points';

/**
 * Adds or changes an agency: its name, the placement file's columns (only from the closed
 * list; nothing clinical and no SSN is offered), the commission and how payments post.
 */
export function AgencyForm({ agency, onClose }: { agency: Agency | null; onClose: () => void }) {
  const [name, setName] = useState(agency?.name ?? '');
  const [columns, setColumns] = useState<PlacementColumn[]>(
    agency?.columns ?? ['account', 'guarantor_name', 'address', 'phone', 'balance'],
  );
  const [commission, setCommission] = useState(agency ? percentText(agency.commissionBps) : '');
  const [remittance, setRemittance] = useState<Remittance>(agency?.remittance ?? 'gross');
  const [contact, setContact] = useState(agency?.contact ?? '');
  const [active, setActive] = useState(agency?.active ?? true);
  const [commissionProblem, setCommissionProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (commissionBps: number) =>
      api.saveAgency({
        agencyId: agency?.id ?? null,
        name,
        // kept in the list's order, so the file's columns read the same way every time
        columns: PLACEMENT_COLUMN.keys.filter((k) => columns.includes(k)),
        commissionBps,
        remittance,
        contact,
        active,
      }),
    onSuccess: async (saved) => {
      notifications.show({ color: 'green', message: `${name.trim()} saved.` });
      await invalidateAll();
      navigate(`/agencies?agency=${saved.id}`);
      onClose();
    },
  });
  const errors = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const bps = bpsFrom(commission);
    setCommissionProblem(bps === null ? 'Type the commission as a percent, such as 25.' : null);
    if (bps !== null) save.mutate(bps);
  };
  const title = agency ? `Change ${agency.name}` : 'Add a collection agency';
  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="sm">
          <TextInput
            label="Name"
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <Checkbox.Group
            label="Placement file columns"
            description="What the agency receives for each account. Diagnoses, procedures and Social Security numbers are never sent."
            value={columns}
            onChange={(v) =>
              setColumns(PLACEMENT_COLUMN.keys.filter((k) => (v as string[]).includes(k)))
            }
            error={errors.columns}
          >
            <SimpleGrid cols={2} spacing={6} verticalSpacing={6} mt={6}>
              {PLACEMENT_COLUMN.keys.map((k) => (
                <Checkbox key={k} value={k} label={PLACEMENT_COLUMN.labels[k]} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <TextInput
            label="Commission (%)"
            required
            w={180}
            value={commission}
            onChange={(e) => setCommission(e.currentTarget.value)}
            error={commissionProblem ?? errors.commissionBps}
            styles={{ input: { textAlign: 'right' } }}
            className="tabular"
          />
          <Radio.Group
            label="Payments post"
            value={remittance}
            onChange={(v) => setRemittance(v === 'net' ? 'net' : 'gross')}
          >
            <Stack gap={6} mt={6}>
              {REMITTANCE.keys.map((k) => (
                <Radio key={k} value={k} label={REMITTANCE.labels[k]} />
              ))}
            </Stack>
          </Radio.Group>
          <Textarea
            label="Contact"
            autosize
            minRows={2}
            value={contact}
            onChange={(e) => setContact(e.currentTarget.value)}
            error={errors.contact}
          />
          {agency && (
            <Switch
              label="In use (accounts can be placed with it)"
              checked={active}
              onChange={(e) => setActive(e.currentTarget.checked)}
            />
          )}
          <FormError error={save.error} fields={['name', 'columns', 'commissionBps', 'contact']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save agency
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
