// Contract server for a SMART Scheduling Links slot publisher (research/backend-contracts.md §6.3): a static
// `$bulk-publish` manifest and NDJSON files. Mounted at /mock/smart-links/<tenant>/ — each tenant is its own
// publisher. Open, no auth.
//
// Files (all GET):
//   /<tenant>/$bulk-publish        manifest (application/json) with absolute file URLs; Slot files carry
//                                  `extension.state`. Cache-Control: max-age=300.
//   /<tenant>/locations.ndjson     Location lines (application/fhir+ndjson, max-age=300)
//   /<tenant>/schedules.ndjson     Schedule lines
//   /<tenant>/slots-MA.ndjson      the spec's own examples (Location 123 / Schedule 456 / Slot 789 with its short
//                                  "-05" offsets; an aggregated slot with slot-capacity 100 and the example
//                                  files' misspelt `booking-hhone`), plus generated slots with local offsets
//                                  and deep links that already have a query (`?slot=…`)
//   /<tenant>/slots-CA.ndjson      Echo Park (Los Angeles): times in `Z`, deep links without a query, and a
//                                  practitioner schedule whose links have a query and a fragment
//   /<tenant>/slots-AZ.ndjson      Phoenix walk-in: slots with only `booking-phone`
// Generated slots cover 14 days from the tenant clock, every day, in the clinic's wall-clock hours (so DST days
// are right): MA 09:00–11:40 every 20 min (every third with slot-capacity 3, the 11:40 one `busy`), CA 10:00–11:30
// every 30 min, CA practitioner 14:00–14:40 every 20 min, AZ 08:00–09:30 every 30 min. Lines are written one by
// one (chunked), so clients really stream.
//
// Clock: tenant `demo` lives at the real clock; all other tenants at 2026-03-02T15:00:00Z (test/helpers NOW).
// Tenants starting with `nocache` answer `Cache-Control: no-cache`; tenants starting with `xss` name the Echo
// Park location `<img src=x onerror=alert(1)>`.
//
// Test control: the shared protocol of ../harness.mjs (`__test/reset` takes no setup, `__test/fault`,
// `__test/log`). Operations (a fault's `op`): manifest ($bulk-publish), locations, schedules, slots (any
// slots-*.ndjson). Faults: status → that status with `{ "error": message }`; raw → `status`/`body` verbatim;
// malformed → 200 with a truncated manifest, or an NDJSON file whose first line is cut; slow (the files are
// static, so late is the same).
import { DateTime } from 'luxon';
import { checkSetup, faultTiming, send, takeFault, tenants } from '../harness.mjs';

const TEST_CLOCK = '2026-03-02T15:00:00.000Z';
const EXT = 'http://fhir-registry.smarthealthit.org/StructureDefinition/';
const MAX_AGE = 300;

const COVID = {
  coding: [
    { system: 'http://terminology.hl7.org/CodeSystem/service-type', code: '57', display: 'Immunization' },
    {
      system: 'http://fhir-registry.smarthealthit.org/CodeSystem/service-type',
      code: 'covid19-immunization',
      display: 'COVID-19 Immunization Appointment',
    },
  ],
};
const FLU = {
  coding: [
    {
      system: 'http://fhir-registry.smarthealthit.org/CodeSystem/service-type',
      code: 'flu-immunization',
      display: 'Flu shot',
    },
  ],
};

function locations(tenant) {
  return [
    // The spec's example Location.
    {
      resourceType: 'Location',
      id: '123',
      name: 'Pharmacy ABC in Pittsfield, MA',
      description: 'Located behind the old Eastman Brothers building',
      telecom: [
        { system: 'phone', value: '413-000-0000' },
        { system: 'url', value: 'https://pharmacy-abc.example.com' },
      ],
      address: { line: ['123 Main St'], city: 'Pittsfield', state: 'MA', postalCode: '01201', district: 'Berkshire' },
      position: { latitude: 42.4, longitude: -73.2 },
      identifier: [{ system: 'https://cdc.gov/vaccines/programs/vtrcks', value: 'CV1654321' }],
    },
    {
      resourceType: 'Location',
      id: 'echo-park',
      name: tenant.startsWith('xss') ? '<img src=x onerror=alert(1)>' : 'Echo Park Community Clinic',
      telecom: [{ system: 'phone', value: '213-555-0100' }],
      address: { line: ['1800 W Sunset Blvd'], city: 'Los Angeles', state: 'CA', postalCode: '90026' },
    },
    {
      resourceType: 'Location',
      id: 'phoenix-walk-in',
      name: 'Desert Walk-in Vaccines',
      telecom: [{ system: 'url', value: 'https://walk-in.example.org' }],
      address: { line: ['2 N Central Ave'], city: 'Phoenix', state: 'AZ', postalCode: '85004' },
    },
  ];
}

const SCHEDULES = [
  // The spec's example Schedule.
  {
    resourceType: 'Schedule',
    id: '456',
    active: true,
    serviceType: [COVID],
    actor: [{ reference: 'Location/123', display: 'Pharmacy ABC in Pittsfield, MA' }],
  },
  {
    resourceType: 'Schedule',
    id: 'echo-covid',
    active: true,
    serviceType: [COVID],
    actor: [{ reference: 'Location/echo-park' }],
  },
  {
    resourceType: 'Schedule',
    id: 'echo-flu',
    active: true,
    serviceType: [FLU],
    actor: [{ reference: 'Location/echo-park' }, { reference: 'Practitioner/nurse-lee', display: 'Kim Lee, RN' }],
  },
  {
    resourceType: 'Schedule',
    id: 'phx-covid',
    active: true,
    serviceType: [COVID],
    actor: [{ reference: 'Location/phoenix-walk-in' }],
  },
];

const deepLink = (url) => ({ url: `${EXT}booking-deep-link`, valueUrl: url });
const phone = (value, url = `${EXT}booking-phone`) => ({ url, valueString: value });
const capacity = (n) => ({ url: `${EXT}slot-capacity`, valueInteger: n });

/** Every generated slot of one schedule: wall-clock times on each of 14 local days from the clock. */
function generate(clock, { zone, scheduleId, from, to, step, utc, make }) {
  const out = [];
  const first = DateTime.fromMillis(clock, { zone }).startOf('day');
  for (let d = 0; d < 14; d++) {
    const day = first.plus({ days: d });
    let i = 0;
    for (let minutes = from * 60; minutes + step <= to * 60; minutes += step, i++) {
      const start = day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
      const end = start.plus({ minutes: step });
      const fmt = (t) => (utc ? t.toUTC().toISO() : t.toISO({ suppressMilliseconds: true }));
      const id = `${scheduleId}-${day.toISODate()}-${start.toFormat('HHmm')}`;
      out.push({
        resourceType: 'Slot',
        id,
        schedule: { reference: `Schedule/${scheduleId}` },
        status: 'free',
        start: fmt(start),
        end: fmt(end),
        ...make(id, i),
      });
    }
  }
  return out;
}

function createState(tenant, setup) {
  checkSetup(setup, []);
  const clock = tenant === 'demo' ? Date.now() : Date.parse(TEST_CLOCK);
  const ma = [
    // The spec's example Slot, short offsets and all.
    {
      resourceType: 'Slot',
      id: '789',
      schedule: { reference: 'Schedule/456' },
      status: 'free',
      start: '2021-03-10T15:00:00-05',
      end: '2021-03-10T15:20:00-05',
      extension: [deepLink('https://ehr-portal.example.org/bookings?slot=opaque-slot-handle-89172489')],
    },
    // Shaped like the spec's example files: a day-long aggregated slot, capacity 100, `booking-hhone` typo.
    {
      resourceType: 'Slot',
      id: '110',
      schedule: { reference: 'Schedule/456' },
      status: 'free',
      start: '2021-03-10T14:00:00.000Z',
      end: '2021-03-10T23:00:00.000Z',
      extension: [
        deepLink('https://ehr-portal.example.org/bookings?slot=1000090'),
        phone('000-000-0000', `${EXT}booking-hhone`),
        capacity(100),
      ],
    },
    ...generate(clock, {
      zone: 'America/New_York',
      scheduleId: '456',
      from: 9,
      to: 12,
      step: 20,
      make: (id, i) => ({
        ...(i === 8 ? { status: 'busy' } : {}),
        extension: [
          deepLink(`https://ehr-portal.example.org/bookings?slot=${id}`),
          ...(i % 3 === 2 ? [capacity(3)] : []),
        ],
      }),
    }),
  ];
  const ca = [
    ...generate(clock, {
      zone: 'America/Los_Angeles',
      scheduleId: 'echo-covid',
      from: 10,
      to: 12,
      step: 30,
      utc: true,
      make: (id) => ({ extension: [deepLink(`https://book.example.org/echo-park/${id}`)] }),
    }),
    ...generate(clock, {
      zone: 'America/Los_Angeles',
      scheduleId: 'echo-flu',
      from: 14,
      to: 15,
      step: 20,
      make: (id) => ({
        extension: [deepLink(`https://book.example.org/echo-park/flu?slot=${id}&lang=en#start`), phone('213-555-0100')],
      }),
    }),
  ];
  const az = generate(clock, {
    zone: 'America/Phoenix',
    scheduleId: 'phx-covid',
    from: 8,
    to: 10,
    step: 30,
    make: () => ({ extension: [phone('602-555-0100')] }),
  });
  const files = {
    '/locations.ndjson': { type: 'Location', lines: locations(tenant) },
    '/schedules.ndjson': { type: 'Schedule', lines: SCHEDULES },
    '/slots-MA.ndjson': { type: 'Slot', state: 'MA', lines: ma },
    '/slots-CA.ndjson': { type: 'Slot', state: 'CA', lines: ca },
    '/slots-AZ.ndjson': { type: 'Slot', state: 'AZ', lines: az },
  };
  return {
    clock,
    files,
    faults: [],
    log: [],
    cacheControl: tenant.startsWith('nocache') ? 'no-cache' : `public, max-age=${MAX_AGE}`,
  };
}

/** The operation name of a request, for faults and the log. */
function operationOf(name) {
  if (name === '/$bulk-publish') return 'manifest';
  if (name.startsWith('/slots-')) return 'slots';
  return { '/locations.ndjson': 'locations', '/schedules.ndjson': 'schedules' }[name] ?? 'other';
}

async function handle(req, res, { state, path, url, tenant, entry }) {
  const method = req.method ?? 'GET';
  const name = decodeURIComponent(path);
  entry.path = name;
  entry.op = operationOf(name);
  const fault = takeFault(state.faults, { op: entry.op, method, path: `${name}${url.search}` });
  if (!(await faultTiming(fault, res))) return undefined;
  const contentType = path.endsWith('.ndjson') ? 'application/fhir+ndjson' : 'application/json';
  if (fault?.kind === 'raw') {
    res.writeHead(fault.status ?? 200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
    return res.end(fault.body ?? '');
  }
  if (fault?.kind === 'status')
    return send(res, fault.status, { error: fault.message ?? `Injected failure ${fault.status}.` });
  if (fault?.kind === 'malformed') {
    res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
    return res.end(path.endsWith('.ndjson') ? '{"resourceType":"Slot","id":"cut-\n' : '{"output": [');
  }
  if (method !== 'GET' && method !== 'HEAD')
    return send(res, 405, { error: 'The publisher is read-only.' }, { Allow: 'GET, HEAD' });

  const base = `http://${req.headers.host ?? 'localhost'}/mock/smart-links/${tenant}`;
  if (name === '/$bulk-publish') {
    const manifest = {
      transactionTime: new Date(state.clock).toISOString(),
      request: `${base}/$bulk-publish`,
      output: Object.entries(state.files).map(([file, { type, state: st }]) => ({
        type,
        url: `${base}${file}`,
        ...(st ? { extension: { state: [st] } } : {}),
      })),
      error: [],
    };
    return send(res, 200, manifest, { 'Cache-Control': state.cacheControl });
  }
  const file = state.files[path];
  if (!file) return send(res, 404, { error: `No such file: ${path}` });
  res.writeHead(200, { 'Content-Type': 'application/fhir+ndjson', 'Cache-Control': state.cacheControl });
  if (method === 'HEAD') return res.end();
  for (const line of file.lines) {
    if (res.destroyed) return undefined;
    res.write(`${JSON.stringify(line)}\n`);
  }
  return res.end();
}

export default async function create() {
  return tenants(createState, handle, { faultKinds: ['status', 'raw', 'malformed', 'slow', 'late'] });
}
