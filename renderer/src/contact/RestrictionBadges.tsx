import { Badge } from '@mantine/core';
import { CONTACT_RESTRICTION, type ContactRestrictionKind } from '../../../shared/api/contact';

const SHORT: Record<ContactRestrictionKind, string> = {
  cease_contact: 'No contact',
  written_dispute: 'Disputed',
  attorney: 'Attorney',
  bankruptcy: 'Bankruptcy',
};

/** The contact restrictions in force, small enough for a queue row. */
export function RestrictionBadges({ kinds }: { kinds: readonly ContactRestrictionKind[] }) {
  return (
    <>
      {kinds.map((k) => (
        <Badge key={k} size="xs" color="red" variant="filled" title={CONTACT_RESTRICTION.labels[k]}>
          {SHORT[k]}
        </Badge>
      ))}
    </>
  );
}
