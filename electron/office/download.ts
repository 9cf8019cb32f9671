import type { ServerConfig } from './server/connection';

export interface DownloadProgress {
  stage: 'downloading' | 'verifying';
  done: number;
  total: number;
}

export function downloadOfficeCopy(
  _config: ServerConfig,
  _target: string,
  _name: string,
  _progress?: (p: DownloadProgress) => void,
): Promise<{ desktopId: string; accounts: number }> {
  return Promise.reject(new Error('placeholder until the download lands'));
}
