import { useEffect, type ReactNode } from 'react';
import { ErrorState, LoadingState } from '../components/States';
import { messageOf } from '../app/query';
import { forgetScreens, useAccessState, useAccessWatch, useActivityReport } from './access';
import { LockScreen } from './LockScreen';
import { WaitingScreen } from './WaitingScreen';

/**
 * The screens show only while the main process says the window is open: a sign-in name
 * still waiting sees its waiting screen, a locked window its lock screen, and the
 * screens (with every answer they held) are gone meanwhile.
 */
export function AccessGate({ children }: { children: ReactNode }) {
  const access = useAccessState();
  const status = access.data?.status;
  useAccessWatch();
  useActivityReport(status === 'open');
  useEffect(() => {
    if (status === 'locked' || status === 'waiting') forgetScreens();
  }, [status]);

  if (access.isPending) return <LoadingState label="Opening ClaimDesk…" />;
  if (access.isError)
    return (
      <ErrorState
        title="ClaimDesk could not start"
        message={messageOf(access.error)}
        onRetry={() => void access.refetch()}
      />
    );
  if (access.data.status === 'waiting') return <WaitingScreen state={access.data} />;
  if (access.data.status === 'locked') return <LockScreen state={access.data} />;
  return children;
}
