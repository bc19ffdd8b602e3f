// examples/strict-csp/ from the built files, served with a strict Content-Security-Policy response header
// that requires Trusted Types: the elements work, and nothing violates the policy.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { STRICT_CSP } from '../../examples/serve.mjs';
import { bookFirstSlot, openPage, startBrowser } from './helpers.mjs';

describe('strict CSP with Trusted Types', () => {
  let env;
  before(async () => {
    env = await startBrowser();
  });
  after(async () => {
    await env?.close();
  });

  test('a patient books an appointment with no policy violation and no error', async () => {
    const { page, response, errors, violations } = await openPage(env.context, `${env.origin}/examples/strict-csp/`);
    assert.equal(response.headers()['content-security-policy'], STRICT_CSP);
    assert.match(STRICT_CSP, /require-trusted-types-for 'script'/);
    assert.doesNotMatch(STRICT_CSP, /unsafe-inline|unsafe-eval/);
    const { appointment } = await bookFirstSlot(page);
    // page.js (the page's own script file) got the event and wrote it with textContent.
    assert.equal(await page.locator('#last-booking').textContent(), `Booked appointment ${appointment.id}.`);
    // Options from page.js (a token getter) and from the JSON child were both in place.
    assert.equal(await page.evaluate(() => typeof document.getElementById('booking').options.getToken), 'function');
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the policy is really enforced (a control: string HTML and other policy names are refused)', async () => {
    const { page } = await openPage(env.context, `${env.origin}/examples/strict-csp/`);
    await page.locator('slot-picker button.slot').first().waitFor({ timeout: 10_000 });
    const refused = await page.evaluate(() => {
      const attempt = (fn) => {
        try {
          fn();
          return false;
        } catch {
          return true;
        }
      };
      return {
        innerHTML: attempt(() => {
          document.createElement('div').innerHTML = '<b>not trusted</b>';
        }),
        otherPolicy: attempt(() => window.trustedTypes.createPolicy('someone-else', { createHTML: (s) => s })),
        litPolicyAgain: attempt(() => window.trustedTypes.createPolicy('lit-html', { createHTML: (s) => s })),
      };
    });
    assert.deepEqual(refused, { innerHTML: true, otherPolicy: true, litPolicyAgain: true });
    await page.close();
  });
});
