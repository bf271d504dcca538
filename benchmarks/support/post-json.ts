import { Agent, request } from 'node:http';

/** Connections kept alive between calls, as a client that asks again and again keeps them. */
const agent = new Agent({ keepAlive: true });

/**
 * POSTs a JSON body and parses the JSON answer, through node:http on a kept-alive connection. The timed
 * GraphQL calls of the benchmarks go through this rather than `fetch`: Node 20's fetch (undici with web
 * streams) spent about 1 ms of the bench process's CPU on each KPI query, which was counted against the
 * API, and the SQL baselines pay no client of that weight.
 */
export function postJson<T>(url: string, body: string, headers: Record<string, string> = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as T);
          } catch (error) {
            reject(new Error(`${res.statusCode}: not JSON (${String(error)})`));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
