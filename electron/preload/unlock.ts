import { contextBridge, ipcRenderer } from 'electron';
import { UNLOCK_CHANNELS, type UnlockBridge } from '../../shared/unlock';

/**
 * The recovery-key window's only door to the main process: its state, a key to try, quit.
 * It has no `window.api`: there is no database open to call yet.
 */
const bridge: UnlockBridge = {
  state: () => ipcRenderer.invoke(UNLOCK_CHANNELS.state) as ReturnType<UnlockBridge['state']>,
  submit: (recoveryKey) =>
    ipcRenderer.invoke(UNLOCK_CHANNELS.submit, recoveryKey) as ReturnType<UnlockBridge['submit']>,
  quit: () => ipcRenderer.invoke(UNLOCK_CHANNELS.quit) as Promise<void>,
};
contextBridge.exposeInMainWorld('unlock', bridge);
