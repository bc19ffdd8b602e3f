import { expect, html } from '@open-wc/testing';
import { fold, listItem, listLoaded, mountClinic, tenantName } from '../helpers.js';

// Medfusion's seed sends <Time>2016-12-23T00:00:00</Time> without an offset. Practice systems send their own
// wall-clock time, so the adapter reads it in the practice's zone unless `naiveTimes: 'utc'` says otherwise.
// Against test/servers/medfusion (the seed appointment of patient 787 at the Chico location); the browser runs
// in America/Los_Angeles, en-US.
const NOW = '2016-12-01T12:00:00.000Z';
const PRACTICE = '1c7ecf9f-9700-4e70-b976-9356db658274';

async function mount(options: Record<string, unknown>) {
  const { list } = await mountClinic(
    html`<booking-provider
      backend="medfusion"
      base-url=${`/mock/medfusion/${tenantName('mf-trust')}`}
      patient="787"
      now=${NOW}
      locale="en-US"
      .options=${{ practiceId: PRACTICE, getToken: async () => 'test-token', ...options }}
    >
      <appointment-list filter="all"></appointment-list>
    </booking-provider>`,
  );
  await listLoaded(list);
  return list;
}

/** What the row shows as its time, and its accessible name. */
const when = (li: Element) => fold(li.querySelector('[part="when"] [aria-hidden="true"]')?.textContent);
const spoken = (li: Element) => fold(li.querySelector('[part="when"] .visually-hidden')?.textContent);

describe('medfusion: times without an offset', function () {
  this.timeout(20_000);

  it("shows the seed's offset-less Time as December 23, 12:00 AM PST for a California practice by default", async () => {
    const list = await mount({ timeZone: 'America/Los_Angeles' });
    const seed = listItem(list, 'Mickey Wal');
    expect(when(seed)).to.equal('Friday, December 23, 2016, 12:00 AM PST');
    expect(spoken(seed)).to.equal('12:00 AM PST, Friday, December 23, 2016, Mickey Wal, Chico, In person');
    // Times with an offset are instants whatever the setting: the moved visit (18:00 Z) stays 10:00 AM PST.
    expect(when(listItem(list, 'Annual physical (moved)'))).to.equal('Thursday, December 29, 2016, 10:00 AM PST');
  });

  it("reads an offset-less Time in the location's own zone (locationTimeZones) by default", async () => {
    const list = await mount({ timeZone: 'America/Los_Angeles', locationTimeZones: { Chico: 'America/New_York' } });
    expect(when(listItem(list, 'Mickey Wal'))).to.equal(
      'Friday, December 23, 2016, 12:00 AM EST (9:00 PM Thu, Dec 22 your time)',
    );
  });

  it("keeps naiveTimes: 'utc' for a practice system that sends UTC without the Z", async () => {
    const list = await mount({ timeZone: 'America/Los_Angeles', naiveTimes: 'utc' });
    expect(when(listItem(list, 'Mickey Wal'))).to.equal('Thursday, December 22, 2016, 4:00 PM PST');
  });
});
