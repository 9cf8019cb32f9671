import { errorCode } from '../core/failure';
import type { ServerConfig } from './server/connection';
import { sqlState } from './server/connection';
import { EntryReplayed } from './refused';
import { DocumentFileRefused, DocumentFileUnsent } from './documents';
import { LocalCopyBusy } from './sync';

/** The connection a desktop listens on broke. */
export class OfficeConnectionLost extends Error {
  constructor() {
    super('The connection to the office server was lost.');
    this.name = 'OfficeConnectionLost';
  }
}

/** Node's codes for a server certificate no CA this desktop trusts has signed. */
const UNTRUSTED_CERTIFICATE = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/** The TLS side of a failure, in plain words; undefined when it was not about TLS. */
function tlsFailure(error: unknown, where: string, host: string): string | undefined {
  const code = errorCode(error);
  if (code !== undefined && UNTRUSTED_CERTIFICATE.has(code)) {
    return (
      `The office server at ${where} showed a certificate this desktop does not trust. ` +
      'Check the CA certificate in Settings (it must be the one that signed the server’s).'
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return (
      `The office server's certificate is not made out for ${host}. Use the server's name ` +
      'as its certificate names it.'
    );
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return `The office server's certificate is ${code === 'CERT_HAS_EXPIRED' ? 'out of date' : 'not valid yet'} (or this computer's clock is wrong).`;
  }
  // node-postgres' own words when the server answers an SSL request with "no"
  if (error instanceof Error && /does not support SSL/i.test(error.message)) {
    return `The server at ${where} does not offer TLS, so this desktop will not send it anything. Turn ssl on in its postgresql.conf.`;
  }
  return undefined;
}

const notAnswering = (where: string) =>
  `The office server at ${where} does not answer. Work is kept here and sent when it is back.`;

/**
 * Why the office server could not be reached or used, in words a person can act on. The
 * server's own text is never quoted: an error about a row can hold the row's values.
 */
export function officeFailure(error: unknown, config: Pick<ServerConfig, 'host' | 'port'>): string {
  if (
    error instanceof LocalCopyBusy ||
    error instanceof EntryReplayed ||
    error instanceof DocumentFileRefused ||
    error instanceof DocumentFileUnsent
  ) {
    return error.message;
  }
  const where = `${config.host}:${config.port}`;
  const tls = tlsFailure(error, where, config.host);
  if (tls) return tls;
  const code = errorCode(error);
  switch (code) {
    case 'ECONNREFUSED':
      return notAnswering(where);
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
  // node-postgres' words when the time to connect ran out (a client's, then a pool's)
  if (
    error instanceof Error &&
    /^timeout expired$|due to connection timeout|timeout exceeded when trying to connect/.test(
      error.message,
    )
  ) {
    return notAnswering(where);
  }
  if (
    error instanceof OfficeConnectionLost ||
    (error instanceof Error && /Connection terminated/i.test(error.message))
  ) {
    return `The connection to the office server at ${where} was lost. Work is kept here and sent when it is back.`;
  }
  return 'The office server could not take this desktop’s work. Work is kept here and sent later.';
}
