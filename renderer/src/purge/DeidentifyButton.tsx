import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { AccountView, PersonView } from '../../../shared/api/accounts';
import { REMOVED } from '../../../shared/api/purge';
import { plural } from '../../../shared/text/count';
import { api } from '../app/api';
import { invalidateAll } from '../app/query';
import { ReasonModal } from '../components/ReasonModal';

/**
 * On a closed account of a deceased person not yet de-identified: a supervisor replaces their
 * names, addresses, date of birth and phones by a marker once the retention period is over.
 * The server decides (role, balance, follow-ups, the period) and says why when it refuses.
 */
export function DeidentifyButton({ view }: { view: AccountView }) {
  const [person, setPerson] = useState<PersonView | null>(null);
  const save = useMutation({
    mutationFn: (reason: string) =>
      api.deidentifyPerson({ accountId: view.account.id, personId: person?.id ?? 0, reason }),
    onSuccess: async (r) => {
      setPerson(null);
      const files =
        r.filesRemoved > 0
          ? ` ${plural(r.filesRemoved, 'filed document')} deleted from the documents folder; their fingerprints are kept.`
          : '';
      notifications.show({ color: 'green', message: `Personal details de-identified.${files}` });
      await invalidateAll();
    },
  });
  const people = [view.patient, ...(view.guarantorIsPatient ? [] : [view.guarantor])];
  const candidates = people.filter((p) => p.deceasedDate && p.lastName !== REMOVED);
  if (view.account.status !== 'closed' || candidates.length === 0) return null;
  return (
    <>
      {candidates.map((p) => (
        <Button key={p.id} size="compact-sm" variant="default" onClick={() => setPerson(p)}>
          De-identify {p.fullName}…
        </Button>
      ))}
      {person && (
        <ReasonModal
          title="De-identify a deceased person"
          summary={`${person.fullName}'s names, addresses, date of birth and phones are replaced by ${REMOVED} on every account, and in the history; the letters, statements and scans filed on those accounts are deleted from the documents folder, their fingerprints kept. Postings and balances are kept. This cannot be undone.`}
          confirmLabel="De-identify"
          confirmColor="red"
          pending={save.isPending}
          error={save.error}
          onConfirm={(reason) => save.mutate(reason)}
          onClose={() => setPerson(null)}
        />
      )}
    </>
  );
}
