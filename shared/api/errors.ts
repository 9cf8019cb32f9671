/** Errors cross the process boundary as plain data a screen can show to a person. */
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'forbidden',
  'unknown_method',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorData {
  code: ErrorCode;
  message: string;
  details?: { path: string; message: string }[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: ApiErrorData['details'];
  constructor(data: ApiErrorData) {
    super(data.message);
    this.name = 'ApiError';
    this.code = data.code;
    this.details = data.details;
  }
  toData(): ApiErrorData {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

export function notFound(what: string): ApiError {
  return new ApiError({ code: 'not_found', message: `${what} was not found.` });
}

export function conflict(message: string): ApiError {
  return new ApiError({ code: 'conflict', message });
}

/** A request that is well-formed but wrong for the data, e.g. more than is owed. */
export function invalid(message: string, path?: string): ApiError {
  return new ApiError({
    code: 'invalid_input',
    message,
    ...(path ? { details: [{ path, message }] } : {}),
  });
}
