import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  /** The path as sent, still percent-encoded. */
  rawPath: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Answer = (request: SeenRequest, res: ServerResponse) => void;

/** A local HTTP server on 127.0.0.1 and an ephemeral port that answers what each test tells it to. */
export async function startCannedServer(answer: Answer) {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = req.url ?? '/';
      const url = new URL(raw, 'http://localhost');
      const request: SeenRequest = {
        method: req.method ?? 'GET',
        rawPath: raw.split('?')[0] ?? raw,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      answer(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  type = 'application/json',
): void {
  res.writeHead(status, { 'content-type': type }).end(JSON.stringify(body));
}
