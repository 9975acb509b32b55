// A fault-injecting HTTP proxy in front of the LRS, for delivery tests. Each statements POST meets, at
// random (seeded), one of: a dropped connection, a reset, a 500, a 429 with Retry-After, an answer slower
// than the player's timeout (the LRS still stores it), or a clean pass. Batches holding a poisoned
// statement id get a 400, as an LRS rejecting that statement would answer.
import http from 'node:http';

// Mulberry32: a small seeded generator, so a failing run can be replayed.
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startFaultProxy({ target, origin, seed = 1, faultRate = 0.4, slowMs = 2500 }) {
  const random = seededRandom(seed);
  const upstream = new URL(target);
  const counts = { posts: 0, passed: 0, drop: 0, reset: 0, e500: 0, e429: 0, slow: 0, poisoned: 0 };
  let isPoisoned = () => false;
  let calm = false;

  const cors = {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': 'Retry-After',
    Vary: 'Origin',
  };

  function forward(req, res, body, delayMs = 0) {
    const options = {
      hostname: upstream.hostname, port: upstream.port, method: req.method,
      path: req.url, headers: { ...req.headers, host: upstream.host },
    };
    const out = http.request(options, (answer) => {
      const chunks = [];
      answer.on('data', (c) => chunks.push(c));
      answer.on('end', () => setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(answer.statusCode, answer.headers);
        res.end(Buffer.concat(chunks));
      }, delayMs));
    });
    out.on('error', () => res.destroy());
    out.end(body);
  }

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const isPost = req.method === 'POST' && req.url.split('?')[0].endsWith('/statements');
      if (!isPost) return forward(req, res, body);
      counts.posts += 1;
      let statements = [];
      try {
        const parsed = JSON.parse(body.toString());
        statements = Array.isArray(parsed) ? parsed : [parsed];
      } catch { /* not JSON: let the LRS answer */ }
      if (statements.some((s) => isPoisoned(s))) {
        counts.poisoned += 1;
        res.writeHead(400, { ...cors, 'Content-Type': 'application/json' });
        return res.end(JSON.stringify({ detail: 'statement refused by the test: poisoned' }));
      }
      const roll = calm ? 1 : random();
      const slice = faultRate / 5;
      if (roll < slice) { counts.drop += 1; return req.socket.destroy(); }
      if (roll < 2 * slice) { counts.reset += 1; req.socket.resetAndDestroy?.() ?? req.socket.destroy(); return; }
      if (roll < 3 * slice) { counts.e500 += 1; res.writeHead(500, cors); return res.end('injected 500'); }
      if (roll < 4 * slice) { counts.e429 += 1; res.writeHead(429, { ...cors, 'Retry-After': '1' }); return res.end('slow down'); }
      if (roll < faultRate) { counts.slow += 1; return forward(req, res, body, slowMs); }
      counts.passed += 1;
      return forward(req, res, body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    endpoint: `http://127.0.0.1:${port}${upstream.pathname}`,
    counts,
    // Batches holding a statement for which `predicate` is true are refused with 400.
    poisonWhen(predicate) { isPoisoned = predicate; },
    calm() { calm = true; },
    async stop() {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
