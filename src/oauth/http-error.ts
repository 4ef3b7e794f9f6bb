/**
 * A failure that ends an HTTP request with `status`: `code` is the machine-readable error (`invalid_request`,
 * an OAuth error, one of the kit's error codes), `message` the sentence for developers. Shared by the
 * server kit and the mock; each renders it its own way (the kit's `{ error, message }`, OAuth's
 * `{ error, error_description }`, an HTML page).
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
