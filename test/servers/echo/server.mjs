// A small HTTP server for the shared fetch helper's tests (src/core/http.ts):
//   GET /json                 200 {"ok":true,"query":{…}}
//   GET /status/<code>        that status with {"message":"status <code>"}
//   GET /slow?ms=N            answers after N ms
//   GET /malformed            200 with a broken JSON body
//   GET /empty                204
//   GET /auth                 200 only with "Authorization: Bearer fresh-token", else 401
import { send, sleep } from '../harness.mjs';

export default async function create() {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://echo.local');
    const path = url.pathname;
    if (path === '/json')
      return send(res, 200, { ok: true, query: Object.fromEntries(url.searchParams), method: req.method });
    const status = /^\/status\/(\d{3})$/.exec(path);
    if (status) return send(res, Number(status[1]), { message: `status ${status[1]}` });
    if (path === '/slow') {
      await sleep(Number(url.searchParams.get('ms') ?? 1000));
      return send(res, 200, { ok: true });
    }
    if (path === '/malformed') return send(res, 200, '{"ok": tru', { 'Content-Type': 'application/json' });
    if (path === '/empty') {
      res.writeHead(204);
      return res.end();
    }
    if (path === '/auth') {
      return req.headers.authorization === 'Bearer fresh-token'
        ? send(res, 200, { ok: true })
        : send(res, 401, { message: 'token expired' });
    }
    send(res, 404, { message: 'no such path' });
  };
}
