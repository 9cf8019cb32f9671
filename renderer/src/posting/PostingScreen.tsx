import type { IsoDate } from '../../../shared/dates/iso-date';
import { BatchList } from './BatchList';
import { BatchScreen } from './BatchScreen';

export function PostingScreen({ batchId, today }: { batchId: number | null; today: IsoDate }) {
  return batchId === null ? <BatchList today={today} /> : <BatchScreen batchId={batchId} />;
}
