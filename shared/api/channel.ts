/** The one IPC channel `window.api` calls travel on. */
export const API_CHANNEL = 'claimdesk:api';
