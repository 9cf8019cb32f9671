import { Alert, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { api } from '../app/api';
import { workingByAccount, workingSentence } from './working';

export const WORKING_KEY = ['workingMarks'] as const;
/** The desktop's own copy of the marks is refreshed the moment the office announces a change. */
const POLL_MS = 2_000;
/** A standalone desktop has no marks; it looks now and then in case it joins an office. */
const STANDALONE_POLL_MS = 60_000;

/** The other desks' marks, as this desktop last heard them from the office. */
export function useWorkingMarks() {
  return useQuery({
    queryKey: WORKING_KEY,
    queryFn: () => api.listWorkingMarks({}),
    refetchInterval: (q) => (q.state.data?.state === 'standalone' ? STANDALONE_POLL_MS : POLL_MS),
  });
}

/** The queue's rows look their account up here: one small read, however long the queue. */
export function useWorkingByAccount(): ReadonlyMap<number, string> {
  const { data } = useWorkingMarks();
  return useMemo(() => workingByAccount(data), [data]);
}

/**
 * Tells the office this desk has the account open, until the screen leaves it (or the lock
 * screen replaces it). A standalone desktop has no one to tell, and keeps no record of it.
 */
export function useWorkingOn(accountId: number, linked: boolean): void {
  useEffect(() => {
    if (!linked) return;
    // presence only: a refusal (a long write holding the database) is not worth a message
    api.startWorking({ accountId }).catch(() => undefined);
    return () => {
      api.stopWorking({ accountId }).catch(() => undefined);
    };
  }, [accountId, linked]);
}

/** Who else has this account open, or that this desktop cannot know now. */
export function WorkingBanner({ accountId }: { accountId: number }) {
  const { data } = useWorkingMarks();
  useWorkingOn(accountId, data !== undefined && data.state !== 'standalone');
  if (!data || data.state === 'standalone') return null;
  if (data.state === 'offline')
    return (
      <Text role="status" size="sm" c="dimmed">
        This desktop cannot reach the office now, so it cannot tell whether someone at another desk
        has this account open.
      </Text>
    );
  const marks = data.marks.filter((m) => m.accountId === accountId);
  if (marks.length === 0) return null;
  return (
    <Alert role="status" color="yellow" variant="light" py="xs">
      {marks.map((m) => (
        <Text key={`${m.userName} ${m.since}`} size="sm">
          {workingSentence(m, data.today)}
        </Text>
      ))}
    </Alert>
  );
}
