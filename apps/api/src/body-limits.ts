/**
 * Request bodies stay modest so one request cannot exhaust the server (large files: the CLI), as
 * body-parser spells it.
 */
export const BODY_LIMIT = '10mb';

/** The same in bytes (body-parser's `10mb` is 10 MiB): a live connection's largest message. */
export const BODY_LIMIT_BYTES = 10 * 1024 * 1024;
