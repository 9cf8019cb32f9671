import type { WorkingMark, WorkingMarksView } from '../../../shared/api/office';
import { timestampText } from '../components/date-display';

/** The day of a moment where the person is, as YYYY-MM-DD. */
function dayOf(d: Date, timeZone?: string): string {
  return d.toLocaleDateString('en-CA', { timeZone });
}

/**
 * What a person reads about another desk's mark: "Maria Lopez has had this account open on
 * another desk since 10:42 AM." A mark from an earlier day gives its date too: an account
 * left open overnight is not "since 10:42" today.
 */
export function workingSentence(
  mark: Pick<WorkingMark, 'userName' | 'since'>,
  today: string,
  timeZone?: string,
): string {
  const since = new Date(mark.since);
  const when =
    dayOf(since, timeZone) === today
      ? since.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit', timeZone })
      : timestampText(mark.since, timeZone);
  return `${mark.userName} has had this account open on another desk since ${when}.`;
}

/** The sentences by account, for the queue's rows to look theirs up. */
export function workingByAccount(
  view: WorkingMarksView | undefined,
  timeZone?: string,
): ReadonlyMap<number, string> {
  const byAccount = new Map<number, string>();
  if (view?.state !== 'live') return byAccount;
  for (const mark of view.marks) {
    const sentence = workingSentence(mark, view.today, timeZone);
    const before = byAccount.get(mark.accountId);
    byAccount.set(mark.accountId, before ? `${before} ${sentence}` : sentence);
  }
  return byAccount;
}
