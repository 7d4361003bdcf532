import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeApiRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
}

export type FakeApiHandler = (request: FakeApiRequest, res: ServerResponse, req: IncomingMessage) => void;

/** A small local HTTP server standing for the Tremplins API, for the client's own tests. */
export async function startFakeApi(handler: FakeApiHandler) {
  const requests: FakeApiRequest[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const request: FakeApiRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
    };
    requests.push(request);
    handler(request, res, req);
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

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json',
): void {
  res.writeHead(status, { 'content-type': contentType }).end(JSON.stringify(body));
}
