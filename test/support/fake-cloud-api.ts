// Loopback fakes of the HTTP shapes of Claude on Amazon Bedrock and Google Vertex AI, for the
// bedrock and vertex classifier backends (their SDKs take a base URL). Both answer the same
// scripted replies as the Messages API fake; they record the path, headers and body of each call.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FakeHandler, type FakeRequest, readBody, writeReply } from './fake-messages-api.js';

export interface FakeCloudApi {
  url: string;
  /** Model calls, in arrival order (Bedrock's invoke, Vertex's rawPredict). */
  requests: (FakeRequest & { model: string })[];
  /** Vertex only: token exchanges seen at /token (the Google credential chain's STS call). */
  tokenRequests: FakeRequest[];
  close(): Promise<void>;
}

const BEDROCK_PATH = /^\/model\/([^/]+)\/invoke$/;
const VERTEX_PATH =
  /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/anthropic\/models\/([^/:]+):rawPredict$/;

/** `shape`: which platform's paths it serves; anything else is a 404. */
export async function startFakeCloudApi(
  shape: 'bedrock' | 'vertex',
  handler: FakeHandler,
): Promise<FakeCloudApi> {
  const requests: FakeCloudApi['requests'] = [];
  const tokenRequests: FakeRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    void (async () => {
      const path = req.url ?? '/';
      const raw = await readBody(req);
      let body: any = null;
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
      if (shape === 'vertex' && req.method === 'POST' && path === '/token') {
        tokenRequests.push({ body, headers: req.headers, path });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            access_token: 'ya29.fake-vertex-token',
            issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
            token_type: 'Bearer',
            expires_in: 3600,
          }),
        );
        return;
      }
      const decoded = decodeURIComponent(path.split('?')[0] ?? '');
      const m = shape === 'bedrock' ? BEDROCK_PATH.exec(decoded) : VERTEX_PATH.exec(decoded);
      if (req.method !== 'POST' || !m) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `no route ${req.method} ${path}` }));
        return;
      }
      const model = (shape === 'bedrock' ? m[1] : m[3]) ?? '';
      const fake = { body, headers: req.headers, path: decoded, model };
      requests.push(fake);
      writeReply(res, await handler(fake), model, false, hanging);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    tokenRequests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        hanging.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
