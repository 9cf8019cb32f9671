import { Badge } from '@mantine/core';
import { DENIAL_STATE, type DenialState } from '../../../shared/codes/denials';

const COLOR: Record<DenialState, string> = {
  new: 'red',
  in_review: 'orange',
  appeal_drafted: 'yellow',
  appeal_sent: 'violet',
  awaiting_payer: 'violet',
  corrected_claim_sent: 'violet',
  resolved: 'green',
};

export function DenialStateBadge({ state }: { state: DenialState }) {
  return (
    <Badge size="sm" variant="light" color={COLOR[state]} tt="none">
      {DENIAL_STATE.labels[state]}
    </Badge>
  );
}
