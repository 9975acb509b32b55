// A small LMS stand-in for cmi5 launches: the one-time token `fetch` URL, the State API's LMS.LaunchData
// (Ralph has no State API), and an xAPI endpoint that forwards statements to the real LRS.
import http from 'node:http';

export async function startLms({ lrs, origin, sessions }) {
  // sessions: Map registration -> { launchData, used: false, actor?, preferences? }
  const counts = { fetch: 0, fetchRefused: 0, state: 0 };
  const upstream = new URL(lrs.endpoint);
  const cors = {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Headers': 'authorization,content-type,x-experience-api-version',
    'Access-Control-Allow-Methods': 'GET,POST,PUT,OPTIONS',
    'Access-Control-Expose-Headers': 'Retry-After',
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://lms.invalid');
    if (req.method === 'OPTIONS') { res.writeHead(204, cors); return res.end(); }
    if (url.pathname.startsWith('/fetch/')) {
      const s = sessions.get(decodeURIComponent(url.pathname.slice('/fetch/'.length)));
      counts.fetch += 1;
      res.writeHead(200, { ...cors, 'Content-Type': 'application/json' });
      if (!s || s.used) {
        counts.fetchRefused += 1;
        return res.end(JSON.stringify({ 'error-code': '1', 'error-text': 'This fetch URL was already used' }));
      }
      s.used = true;
      return res.end(JSON.stringify({ 'auth-token': Buffer.from('pacer:pacer').toString('base64') }));
    }
    if (url.pathname === '/xapi/activities/state') {
      counts.state += 1;
      const s = sessions.get(url.searchParams.get('registration'));
      const ok = s && url.searchParams.get('stateId') === 'LMS.LaunchData'
        && req.headers.authorization === `Basic ${Buffer.from('pacer:pacer').toString('base64')}`;
      res.writeHead(ok ? 200 : 404, { ...cors, 'Content-Type': 'application/json' });
      return res.end(ok ? JSON.stringify(s.launchData) : '{}');
    }
    if (url.pathname === '/xapi/agents/profile') {
      // cmi5LearnerPreferences of the sessions that carry `preferences` (matched by the agent's account).
      counts.preferences = (counts.preferences ?? 0) + 1;
      let name = null;
      try { name = JSON.parse(url.searchParams.get('agent')).account.name; } catch { /* no agent */ }
      const s = [...sessions.values()].find((x) => x.preferences && x.actor?.account?.name === name);
      const ok = s && url.searchParams.get('profileId') === 'cmi5LearnerPreferences';
      res.writeHead(ok ? 200 : 404, { ...cors, 'Content-Type': 'application/json' });
      return res.end(ok ? JSON.stringify(s.preferences) : '{}');
    }
    if (url.pathname === '/return') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      return res.end('<!doctype html><title>LMS</title><p id="back">Back in the LMS</p>');
    }
    if (url.pathname.startsWith('/xapi/')) {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const out = http.request({
          hostname: upstream.hostname, port: upstream.port, method: req.method,
          path: upstream.pathname + url.pathname.slice('/xapi/'.length) + url.search,
          headers: { ...req.headers, host: upstream.host },
        }, (answer) => {
          res.writeHead(answer.statusCode, { ...answer.headers, ...cors });
          answer.pipe(res);
        });
        out.on('error', () => res.destroy());
        out.end(Buffer.concat(chunks));
      });
      return undefined;
    }
    res.writeHead(404);
    return res.end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    base,
    counts,
    launchUrl(playerOrigin, { registration, actor, activityId, key }) {
      const q = new URLSearchParams({
        endpoint: `${base}/xapi/`, fetch: `${base}/fetch/${encodeURIComponent(key)}`,
        actor: JSON.stringify(actor), registration, activityId,
      });
      return `${playerOrigin}/?${q}`;
    },
    async stop() {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
