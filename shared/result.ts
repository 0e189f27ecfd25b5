// Every API call answers with a Result: either the value, or an error a person can act on.
// Errors are values, never thrown across a transport, so the renderer, the CLI and tests all
// see the same shape.
export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'unknown_method'
  | 'forbidden'
  | 'bad_file'
  | 'cancelled'
  /** The disk is full or the workspace is read-only: nothing was saved. */
  | 'storage'
  | 'internal';

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Field paths (dot-joined) with their own messages, for forms. */
  fields?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, fields?: Record<string, string>): Result<never> => ({
  ok: false,
  error: fields ? { code, message, fields } : { code, message },
});

/** Thrown inside services; the dispatcher turns it into a failed Result. */
export class ServiceError extends Error {
  readonly code: ErrorCode;
  readonly fields?: Record<string, string>;
  constructor(code: ErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'ServiceError';
    this.code = code;
    if (fields) this.fields = fields;
  }
}
