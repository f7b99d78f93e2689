/**
 * An attacker's listener for the credential-origin tests: records every request it gets (headers
 * and body) and answers 200 with `answer` as JSON, whatever was asked.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listener {
  url: string;
  seen: { headers: http.IncomingHttpHeaders; body: string }[];
  close(): Promise<void>;
}

export async function startListener(answer: unknown = []): Promise<Listener> {
  const seen: Listener['seen'] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
