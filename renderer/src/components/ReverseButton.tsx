import { Button } from '@mantine/core';

/**
 * The one Reverse action of every list that shows posted money (ledger, batch receipts...):
 * the same quiet row button everywhere, disabled with the reason when the row cannot be reversed.
 */
export function ReverseButton(props: {
  /** why this row cannot be reversed, or null when it can */
  blocked: string | null;
  /** what a reversal does here, shown on hover */
  hint: string;
  label: string;
  onClick: () => void;
}) {
  return (
    <Button
      size="compact-xs"
      variant="subtle"
      color="gray"
      disabled={props.blocked !== null}
      title={props.blocked ?? props.hint}
      aria-label={props.label}
      onClick={props.onClick}
    >
      Reverse
    </Button>
  );
}
