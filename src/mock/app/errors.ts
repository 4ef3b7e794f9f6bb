/** Why a simulated-app action cannot happen; the page shows the message, tests can match the code. */
export type MockAppErrorCode =
  | 'unknown_user'
  | 'unknown_bot'
  | 'invalid_link'
  | 'no_open_chat'
  | 'no_such_button'
  | 'not_started'
  | 'bot_blocked'
  | 'invalid_text'
  | 'timeout';

/** Thrown by `mock.app` helpers (and answered as `{ error, description }` by the page's endpoints). */
export class MockAppError extends Error {
  override readonly name = 'MockAppError';
  constructor(
    readonly code: MockAppErrorCode,
    message: string,
  ) {
    super(message);
  }
}
