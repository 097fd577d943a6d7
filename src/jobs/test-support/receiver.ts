/** A real local webhook receiver that verifies Standard Webhooks signatures with the reference package. */
import { createServer, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';

export interface Received {
  id: string;
  verified: boolean;
  body: { type: string; data: { id: string; state: string } };
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Answer 500 to the first `n` requests (then 204). */
  failFirst(n: number): void;
  close(): Promise<void>;
}

export async function startReceiver(secret: string): Promise<Receiver> {
  const verifier = new Webhook(secret);
  const received: Received[] = [];
  let failures = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(
        ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((h) => [
          h,
          String(req.headers[h] ?? ''),
        ]),
      );
      let verified = true;
      try {
        verifier.verify(text, headers);
      } catch {
        verified = false;
      }
      received.push({
        id: headers['webhook-id'] ?? '',
        verified,
        body: JSON.parse(text) as Received['body'],
      });
      if (failures > 0) {
        failures -= 1;
        res.writeHead(500).end();
        return;
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    failFirst: (n) => void (failures = n),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
