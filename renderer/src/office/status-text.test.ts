import { describe, expect, it } from 'vitest';
import { notSyncedCount, officeStatusText } from './status-text';

const NY = 'America/New_York';

describe('the office status line', () => {
  it('shows nothing while the desktop is standalone', () => {
    expect(officeStatusText({ state: 'standalone' })).toBeNull();
  });

  it('says why a desktop of an office is not connected, and that the work is kept', () => {
    expect(
      officeStatusText({
        state: 'not-connected',
        reason: 'no office server is set on this desktop; a supervisor sets it in Settings.',
      }),
    ).toBe(
      'Not connected to the office — no office server is set on this desktop; a supervisor ' +
        'sets it in Settings. Your work is kept on this desktop.',
    );
  });

  it('says when it was last up to date, or how many changes wait', () => {
    const synced = {
      state: 'synced',
      at: '2026-03-16T14:42:05Z',
      waiting: 0,
      notSynced: 2,
    } as const;
    expect(officeStatusText(synced, NY)).toBe('Office: up to date 10:42 AM');
    expect(officeStatusText({ ...synced, waiting: 3 }, NY)).toBe('Office: 3 changes waiting');
    expect(officeStatusText({ ...synced, waiting: 1 }, NY)).toBe('Office: 1 change waiting');
    expect(notSyncedCount(synced)).toBe(2);
  });

  it('says offline since when, why, when it tries again, and that the work is kept', () => {
    const offline = {
      state: 'offline',
      since: '2026-03-16T14:40:00Z',
      reason:
        'The office server at db.example:5432 does not answer. Work is kept here and sent when it is back.',
      retryInSeconds: 20,
      waiting: 4,
      notSynced: 0,
    } as const;
    expect(officeStatusText(offline, NY)).toBe(
      'Offline since 10:40 AM — The office server at db.example:5432 does not answer. ' +
        'Trying again in 20 s. Your work is kept on this desktop.',
    );
    expect(officeStatusText({ ...offline, retryInSeconds: 300 }, NY)).toMatch(
      /Trying again in 5 minutes\./,
    );
  });

  it('says why this desktop cannot sync with the server, in the words the worker gave', () => {
    expect(
      officeStatusText({
        state: 'update-needed',
        message: "The office's server must be updated by its supervisor.",
      }),
    ).toBe("Office: The office's server must be updated by its supervisor.");
  });
});
