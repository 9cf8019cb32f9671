import type { OfficeServerSettings } from '../../../shared/api/office';

/** The office server form as typed: every field text, the password empty to keep it. */
export interface OfficeForm {
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
  caPem: string;
}

export const OFFICE_FIELDS = ['host', 'port', 'database', 'user', 'password', 'caPem'] as const;

export function officeFormOf(server: OfficeServerSettings | null): OfficeForm {
  return {
    host: server?.host ?? '',
    port: String(server?.port ?? 5432),
    database: server?.database ?? 'claimdesk',
    user: server?.user ?? '',
    password: '',
    caPem: server?.caPem ?? '',
  };
}

export const PORT_PROBLEM = 'The port is a number from 1 to 65535.';

/**
 * The request as the contract takes it; the main process checks every field and says
 * what is wrong under each. Null when the port is not a number (PORT_PROBLEM), which
 * cannot be sent as one.
 */
export function officeRequest(form: OfficeForm) {
  const port = form.port.trim();
  if (!/^\d{1,5}$/.test(port)) return null;
  return {
    host: form.host,
    port: Number(port),
    database: form.database,
    user: form.user,
    password: form.password === '' ? null : form.password,
    caPem: form.caPem.trim() === '' ? null : form.caPem,
  };
}
