import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ApiFailure, MESSAGES, toApiFailure } from '../errors.js';

/** Unknown API routes answer a JSON 404, not Express's HTML page. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new ApiFailure('not_found', MESSAGES.routeNotFound(req.method, req.originalUrl.split('?')[0] ?? '')));
};

/**
 * Every error becomes `{ error: { code, message, issues? } }` with its status. Body-parser's own
 * errors (bad JSON, too large) get their codes; anything unexpected is logged and answered as
 * `internal`, never with a stack trace.
 */
export function errorHandler(opts: { bodyLimit: number; log: (line: string) => void }): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    let failure: ApiFailure;
    const type = (err as { type?: unknown } | null)?.type;
    if (type === 'entity.parse.failed') {
      failure = new ApiFailure('bad_json', MESSAGES.badJson(shortJsonError(err)));
    } else if (type === 'entity.too.large') {
      failure = new ApiFailure('too_large', MESSAGES.tooLarge(opts.bodyLimit));
    } else if (typeof type === 'string' && type.startsWith('encoding.') || type === 'charset.unsupported') {
      failure = new ApiFailure('invalid_body', MESSAGES.invalidBody('', 'unsupported encoding or charset'));
    } else if (type === 'request.aborted' || type === 'request.size.invalid' || type === 'stream.encoding.set') {
      failure = new ApiFailure('invalid_body', MESSAGES.invalidBody('', 'the body could not be read'));
    } else {
      failure = toApiFailure(err);
      if (failure.code === 'internal') opts.log(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
    res.status(failure.status).json(failure.toBody());
  };
}

function shortJsonError(err: unknown): string {
  const msg = err instanceof Error ? err.message : 'cannot be parsed';
  return msg.length > 200 ? msg.slice(0, 200) + '…' : msg;
}
