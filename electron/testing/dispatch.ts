/**
 * The one way tests and benchmarks reach dispatch: the harness sits on top of the layers,
 * as the renderer does, and goes through this module rather than into electron/api, so
 * the import rule can hold everywhere else. Free of vitest, for the benchmarks and the
 * child processes tests start.
 *
 * `dispatch` and `dispatchAsync` return the result rather than throw, for a caller whose
 * refused request must simply write nothing; a test that expects success or refusal
 * wants `call` and `expectRefused` from ./call.
 */
export { dispatch, dispatchAsync, prepareRequest } from '../api/dispatch';
/** Dispatch's own run, for the benchmark that times a request without its audit entry. */
export { start } from '../api/run';
/** The handler table, for a test that swaps one handler for work it controls. */
export { handlers } from '../api/handlers';
