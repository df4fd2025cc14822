import type http from 'node:http';

/** The largest request body a demo PBX front end reads; a larger one ends the request. */
export const MAX_SIM_REQUEST_BYTES = 1024 * 1024;

/**
 * Collects an HTTP request's body up to `maxBytes` and hands it over as
 * UTF-8 text. A client sending more has its request destroyed: the sims are
 * peers the console talks to, and they must not be a memory hazard in tests.
 */
export function onRequestBody(req: http.IncomingMessage, handle: (body: string) => void, maxBytes = MAX_SIM_REQUEST_BYTES): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) req.destroy();
    else chunks.push(chunk);
  });
  req.on('end', () => handle(Buffer.concat(chunks).toString('utf8')));
}
