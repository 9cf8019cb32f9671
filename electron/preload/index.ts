import { contextBridge, ipcRenderer } from 'electron';
import type { ApiResult } from '../../shared/api/errors';
import { API_CHANNEL } from '../../shared/api/channel';
import { buildRawApi } from '../../shared/api/client';

/** The renderer's only door to the main process: one function per contract method. */
contextBridge.exposeInMainWorld(
  'api',
  buildRawApi(
    (method, input) =>
      ipcRenderer.invoke(API_CHANNEL, method, input) as Promise<ApiResult<unknown>>,
  ),
);
