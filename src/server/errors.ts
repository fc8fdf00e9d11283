/** Errors a command or route may raise; the error handler turns each into its HTTP answer. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const unauthorized = () => new AppError(401, 'unauthorized', 'Authentication required');
export const forbidden = () => new AppError(403, 'forbidden', 'Not allowed');
export const notFound = (what = 'Record') => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (current: unknown) =>
  new AppError(409, 'conflict', 'The record was changed by someone else', { current });

/** A field-level validation failure raised by a command (same shape as schema validation). */
export function fieldError(path: string, reason: string, message: string): AppError {
  return new AppError(400, 'validation', message, {
    fields: [{ path, code: 'custom', message, params: { reason } }],
  });
}
