import { errorCode } from '../core/failure';
import type { ServerConfig } from './server/connection';
import { sqlState } from './server/connection';
import { LocalCopyBusy } from './sync';

/** The connection a desktop listens on broke. */
export class OfficeConnectionLost extends Error {
  constructor() {
    super('The connection to the office server was lost.');
    this.name = 'OfficeConnectionLost';
  }
}

/**
 * Why the office server could not be reached or used, in words a person can act on. The
 * server's own text is never quoted: an error about a row can hold the row's values.
 */
export function officeFailure(error: unknown, config: Pick<ServerConfig, 'host' | 'port'>): string {
  if (error instanceof LocalCopyBusy) return error.message;
  const where = `${config.host}:${config.port}`;
  const code = errorCode(error);
  switch (code) {
    case 'ECONNREFUSED':
      return `The office server at ${where} does not answer. Work is kept here and sent when it is back.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The office server's name ${config.host} cannot be found on the network.`;
    case 'ETIMEDOUT':
    case 'ECONNRESET':
    case 'EPIPE':
      return `The connection to the office server at ${where} was lost. Work is kept here and sent when it is back.`;
  }
  switch (sqlState(error)) {
    case '28P01':
    case '28000':
      return 'The office server refused this desktop’s user name or password.';
    case '3D000':
      return 'The office database does not exist on that server.';
    case '57P01':
    case '57P02':
    case '57P03':
      return 'The office server is shutting down or starting up. Work is kept here and sent when it is back.';
  }
  if (
    error instanceof OfficeConnectionLost ||
    (error instanceof Error && /Connection terminated/i.test(error.message))
  ) {
    return `The connection to the office server at ${where} was lost. Work is kept here and sent when it is back.`;
  }
  return 'The office server could not take this desktop’s work. Work is kept here and sent later.';
}
