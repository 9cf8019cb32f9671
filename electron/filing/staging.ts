import { randomUUID } from 'node:crypto';
import os from 'node:os';

/**
 * A staged file's name carries the process that wrote it (`host~pid~uuid.pdf`), so that
 * whoever finds it can tell a file another workstation is still filing from one a crashed
 * process left behind.
 */
const HOST = os.hostname().replace(/[^A-Za-z0-9-]+/g, '_') || 'host';

/** `pid` is another process's only in tests, which make files as a crashed process left them. */
export function stagedFileName(pid: number = process.pid): string {
  return `${HOST}~${pid}~${randomUUID()}.pdf`;
}

export interface StagedOwner {
  readonly host: string;
  readonly pid: number;
}

export function stagedOwner(fileName: string): StagedOwner | null {
  const match = /^([A-Za-z0-9_-]+)~(\d+)~[0-9a-f-]{36}\.pdf$/.exec(fileName);
  if (!match) return null;
  return { host: match[1] as string, pid: Number(match[2]) };
}

export function ownedByThisProcess(owner: StagedOwner): boolean {
  return owner.host === HOST && owner.pid === process.pid;
}

/**
 * Whether the owner may still be filing. A process on another computer cannot be asked,
 * so it counts as alive: its file is left alone rather than taken from under it.
 */
export function ownerMayBeAlive(owner: StagedOwner): boolean {
  if (owner.host !== HOST || owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
