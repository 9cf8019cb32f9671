import type { MethodName, OutputOf, ParsedInputOf } from '../../shared/api/contract';
import { getAccount } from '../accounts/get';
import { addActivity } from '../activities/add';
import { getAppInfo } from '../app/info';
import { loadDemoData } from '../app/load-demo';
import { completeFollowUp } from '../followups/complete';
import { setFollowUp } from '../followups/set';
import { changeAddress } from '../people/change-address';
import { listQueue } from '../queue/list';
import { getQueueOptions } from '../queue/options';
import { search } from '../search/search';
import type { Ctx } from './context';

type Handlers = {
  [M in MethodName]: (ctx: Ctx, input: ParsedInputOf<M>) => OutputOf<M>;
};

/** Every contract method has exactly one handler; the type makes a missing one an error. */
export const handlers: Handlers = {
  getAppInfo,
  loadDemoData,
  getQueueOptions,
  listQueue,
  search,
  getAccount,
  addActivity,
  setFollowUp,
  completeFollowUp,
  changeAddress,
};
