import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../shared/logger.ts';
import { assignRequestId } from './request-id.ts';

/** A ready answer: JSON bytes and their entity tag. */
export interface CachedAnswer {
  bytes: Buffer;
  etag: string;
}

/**
 * The lane for cached public reads (catalogue pages). The catalogue is the hottest read
 * of the shop and its pages are kept ready for a second; walking the whole middleware
 * chain (request logger, session lookup, body parser, ~40 routers) for an answer that is
 * already made costs several times the answer itself. This lane answers only URLs the
 * full path has already validated and cached (`lookup` knows them), with the same
 * headers; everything else, including every miss, goes through Express as usual.
 *
 * These hits are not written to the request log unless LOG_LEVEL=debug (the reverse
 * proxy's access log still has them).
 */
export function cachedReadLane(opts: {
  lookup: (url: string, acceptLanguage: string | undefined) => CachedAnswer | undefined;
  /** Headers every API answer carries (security policy, Cache-Control). */
  headers: Array<[string, string]>;
  logger: Logger;
}) {
  const fixed: Array<[string, string]> = [...opts.headers, ['content-type', 'application/json; charset=utf-8']];
  return function answerFromCache(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' || !req.url) return false;
    const answer = opts.lookup(req.url, req.headers['accept-language']);
    if (!answer) return false;
    const id = assignRequestId(req, res);
    for (const [name, value] of fixed) res.setHeader(name, value);
    res.setHeader('ETag', answer.etag);
    if (matchesEtag(req.headers['if-none-match'], answer.etag)) {
      res.statusCode = 304;
      res.end();
    } else {
      res.setHeader('Content-Length', answer.bytes.length);
      res.end(answer.bytes);
    }
    if (opts.logger.isLevelEnabled('debug'))
      opts.logger.debug({ req: { id, method: req.method, url: req.url }, res: { statusCode: res.statusCode } }, 'cached read');
    return true;
  };
}

/** If-None-Match as Express reads it: a list of tags, weak comparison, or `*`. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}
