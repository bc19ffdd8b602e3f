import { expect } from '@open-wc/testing';
import { BookingError } from '../src/core/errors.js';
import { HttpClient, bearerAuth } from '../src/core/http.js';

const client = (extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) =>
  new HttpClient({ baseUrl: '/mock/echo/', backend: 'Echo', ...extra });

async function failure(promise: Promise<unknown>): Promise<BookingError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).to.be.instanceOf(BookingError);
  return error as BookingError;
}

describe('HttpClient (shared fetch helper)', () => {
  it('resolves paths against the base URL and sends query parameters, repeated ones too', async () => {
    const { body } = await client().request<{ query: Record<string, string> }>({
      path: '/json',
      query: { a: 1, b: undefined, c: ['x', 'y'] },
    });
    expect(body.query).to.deep.equal({ a: '1', c: 'y' });
    expect(client().url('Slot', { status: 'free', s: ['1', '2'] })).to.match(
      /\/mock\/echo\/Slot\?status=free&s=1&s=2$/,
    );
  });

  it('maps HTTP statuses to error kinds', async () => {
    const kinds: Record<number, string> = {
      400: 'validation',
      401: 'auth-expired',
      403: 'forbidden',
      404: 'not-found',
      405: 'not-supported',
      409: 'conflict',
      412: 'conflict',
      429: 'rate-limited',
      500: 'upstream-unavailable',
      503: 'upstream-unavailable',
      504: 'timeout',
    };
    for (const [status, kind] of Object.entries(kinds)) {
      const error = await failure(client().request({ path: `/status/${status}` }));
      expect(error.kind, status).to.equal(kind);
      expect(error.status).to.equal(Number(status));
    }
  });

  it('hands vendor error bodies to mapError', async () => {
    const error = await failure(
      client({
        mapError: (f) =>
          new BookingError('slot-unavailable', (f.json as { message: string }).message, { status: f.status }),
      }).request({ path: '/status/422' }),
    );
    expect(error.kind).to.equal('slot-unavailable');
    expect(error.message).to.equal('status 422');
  });

  it('turns a slow answer into a timeout error', async () => {
    const error = await failure(client({ timeoutMs: 100 }).request({ path: '/slow', query: { ms: 2000 } }));
    expect(error.kind).to.equal('timeout');
    expect(error.retryable).to.equal(true);
    expect(error.message).to.match(/did not answer within 100 ms\.$/);
  });

  it('names the timeout as configured: 1.5 s, not "2 s"', async () => {
    const error = await failure(client({ timeoutMs: 1500 }).request({ path: '/slow', query: { ms: 3000 } }));
    expect(error.message).to.match(/did not answer within 1\.5 s\.$/);
  });

  it("passes the caller's abort through as an AbortError, not as a failure", async () => {
    const controller = new AbortController();
    const pending = client()
      .request({ path: '/slow', query: { ms: 2000 }, signal: controller.signal })
      .catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 50);
    const error = (await pending) as DOMException;
    expect(error.name).to.equal('AbortError');
  });

  it('reports broken JSON as malformed-response and an empty body as undefined', async () => {
    const error = await failure(client().request({ path: '/malformed' }));
    expect(error.kind).to.equal('malformed-response');
    expect(error.message).to.equal('Echo sent a response that is not valid JSON.');
    expect((await client().request({ path: '/empty' })).body).to.equal(undefined);
  });

  it('passes keepalive to fetch only when a request asks for it (a release on pagehide)', async () => {
    const inits: (RequestInit | undefined)[] = [];
    const spy: typeof fetch = (input, init) => {
      inits.push(init);
      return fetch(input, init);
    };
    const echo = client({ fetch: spy });
    const kept = await echo.request<{ method: string }>({ method: 'POST', path: '/json', body: {}, keepalive: true });
    await echo.request({ path: '/json' });
    expect(kept.body.method).to.equal('POST');
    expect(inits.map((init) => init?.keepalive)).to.deep.equal([true, undefined]);
  });

  it('reports an unreachable server as a network error', async () => {
    const error = await failure(
      new HttpClient({ baseUrl: 'http://127.0.0.1:9/', backend: 'Nowhere' }).request({ path: '/x' }),
    );
    expect(error.kind).to.equal('network');
  });

  it('refreshes the token once on 401, then gives up with auth-expired', async () => {
    const asked: boolean[] = [];
    const refreshing = client({
      auth: bearerAuth(({ refresh }) => (asked.push(refresh), refresh ? 'fresh-token' : 'stale-token')),
    });
    expect((await refreshing.request<{ ok: boolean }>({ path: '/auth' })).body.ok).to.equal(true);
    expect(asked).to.deep.equal([false, true]);
    const stuck = client({ auth: bearerAuth(() => 'stale-token') });
    expect((await failure(stuck.request({ path: '/auth' }))).kind).to.equal('auth-expired');
  });
});
