import type { RequestHandler } from 'express';
import { ApiFailure, MESSAGES } from '../errors.js';
import { tokenMatches } from '../store/token.js';

/** Every request must carry `Authorization: Bearer <token>`. */
export function requireToken(token: string): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match !== null && tokenMatches(token, match[1])) return next();
    next(new ApiFailure('unauthorized', MESSAGES.unauthorized()));
  };
}
