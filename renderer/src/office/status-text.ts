import type { OfficeStatusView, OfficeTransfer } from '../../../shared/api/office';

const KEPT = 'Your work is kept on this desktop.';

/** The time of day an ISO timestamp names, in the person's own time zone: "10:42 AM". */
export function clockTime(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit', timeZone });
}

function waitingText(n: number): string {
  return n === 1 ? '1 change waiting' : `${n} changes waiting`;
}

function retryText(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** The status line's words; null when standalone, where nothing is shown. */
export function officeStatusText(status: OfficeStatusView, timeZone?: string): string | null {
  switch (status.state) {
    case 'standalone':
      return null;
    case 'connecting':
      return 'Office: connecting…';
    case 'synced':
      return status.waiting > 0
        ? `Office: ${waitingText(status.waiting)}`
        : `Office: up to date ${clockTime(status.at, timeZone)}`;
    case 'offline': {
      // the reason already ends with a full stop; what it says of the kept work is ours
      const reason = status.reason.replace(/\s*Work is kept here[^.]*\.$/, '');
      return (
        `Offline since ${clockTime(status.since, timeZone)} — ${reason} Trying again in ` +
        `${retryText(status.retryInSeconds)}. ${KEPT}`
      );
    }
    case 'update-needed':
      // the worker's own words: a newer ClaimDesk to install, a server only its supervisor
      // can update, or another desk's login; each says the work is kept
      return `Office: ${status.message}`;
    case 'not-connected':
      return `Not connected to the office — ${status.reason} ${KEPT}`;
    case 'transferring':
      return transferText(status.transfer);
  }
}

const STAGES: Record<OfficeTransfer['stage'], string> = {
  copying: 'copying this desktop’s database',
  uploading: 'sending it to the office server',
  checking: 'checking every account’s ledger against its balance',
  downloading: 'downloading the office’s database',
  verifying: 'checking the downloaded copy',
};

/** "Making the office database: sending it to the office server, 40%". */
export function transferText(transfer: OfficeTransfer): string {
  const what = transfer.what === 'make' ? 'Making the office database' : 'Joining the office';
  const share =
    transfer.total > 0 ? `, ${Math.floor((100 * transfer.done) / transfer.total)}%` : '…';
  return `${what}: ${STAGES[transfer.stage]}${share}`;
}

/** How many refused actions wait for a person, when the status knows. */
export function notSyncedCount(status: OfficeStatusView): number {
  return status.state === 'synced' || status.state === 'offline' ? status.notSynced : 0;
}
