/**
 * Expected failures are values with stable codes. One table maps each code to its HTTP status and CLI exit
 * code; anything thrown that is not an HttError is a bug (exit 70 / HTTP 500).
 */
export const errorTable = {
  'INPUT.INVALID_JSON': { http: 400, exit: 65, title: 'The input is not valid JSON' },
  'INPUT.INVALID': { http: 422, exit: 65, title: 'The input does not match the contract' },
  'INPUT.FILE_NOT_FOUND': { http: 404, exit: 66, title: 'The input file cannot be read' },
  'CHECK.UNSUPPORTED_DESTINATION': { http: 422, exit: 65, title: 'The destination is outside this system' },
  'CHECK.UNKNOWN_ECCN': { http: 404, exit: 65, title: 'The ECCN is not on the Commerce Control List' },
  'RULES.INVALID': { http: 500, exit: 78, title: 'The regulation data failed its load checks' },
  'LISTS.INVALID': { http: 422, exit: 65, title: 'The list file cannot be ingested' },
  'LISTS.NOT_LOADED': { http: 503, exit: 69, title: 'No list snapshot is loaded' },
  'SCREEN.INVALID_QUERY': { http: 422, exit: 65, title: 'The screening query is not usable' },
  'CASE.NOT_FOUND': { http: 404, exit: 66, title: 'The record does not exist' },
  'CASE.CONFLICT': { http: 409, exit: 75, title: 'The record changed or already exists' },
  'CASE.INVALID_TRANSITION': {
    http: 409,
    exit: 65,
    title: "The action is not allowed in the record's state",
  },
  'CASE.FORBIDDEN': { http: 403, exit: 77, title: 'The user may not do this' },
  'CASE.SELF_APPROVAL': {
    http: 403,
    exit: 77,
    title: 'Four eyes: the person who made the decision cannot approve it',
  },
  'CASE.RETENTION': { http: 409, exit: 65, title: 'Part 762 forbids deleting the record yet' },
  'CASE.DEADLINE': {
    http: 409,
    exit: 65,
    title: 'A time limit of the regulation does not allow the action on this date',
  },
  'CASE.HOLD_OPEN': { http: 409, exit: 65, title: 'An open hold blocks the action' },
  'CASE.SHIPMENT_REFUSED': {
    http: 409,
    exit: 65,
    title: 'The release gate refuses the shipment on that date (the reasons are in details.refusals)',
  },
  'CASE.QUANTITY_EXCEEDED': {
    http: 409,
    exit: 65,
    title: 'The quantity exceeds what the document or license allows',
  },
  'AUDIT.TAMPERED': { http: 500, exit: 1, title: 'The audit log fails verification' },
  'DB.UNAVAILABLE': { http: 503, exit: 69, title: 'The database cannot be reached' },
  'AUTH.REQUIRED': { http: 401, exit: 77, title: 'Sign in first' },
  'AUTH.FAILED': { http: 401, exit: 77, title: 'The e-mail or the password is wrong' },
  'AUTH.RATE_LIMITED': { http: 429, exit: 75, title: 'Too many attempts; wait and try again' },
  'INPUT.IN_PROGRESS': {
    http: 409,
    exit: 75,
    title: 'A request with the same Idempotency-Key is still running; try again in a moment',
  },
  'INPUT.TOO_LARGE': { http: 413, exit: 65, title: 'The request is too large' },
  'HTTP.NOT_FOUND': { http: 404, exit: 64, title: 'No such route' },
  'DOC.FONT_MISSING': { http: 503, exit: 69, title: 'No font is installed for the text of this PDF' },
  INTERNAL: { http: 500, exit: 70, title: 'Internal error' },
} as const;

export type ErrorCode = keyof typeof errorTable;

export interface Problem {
  code: ErrorCode;
  message: string;
  /** JSON path of the offending field, e.g. "items[0].eccn". */
  field?: string;
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export class HttError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
    this.name = 'HttError';
  }
  get code(): ErrorCode {
    return this.problem.code;
  }
}

export const fail = (code: ErrorCode, message: string, field?: string, details?: unknown): never => {
  throw new HttError({
    code,
    message,
    ...(field === undefined ? {} : { field }),
    ...(details === undefined ? {} : { details }),
  });
};

export const exitCodeOf = (code: ErrorCode): number => errorTable[code].exit;
