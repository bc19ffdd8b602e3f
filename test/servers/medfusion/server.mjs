// Contract server for Medfusion's appointmentsdata integration API (seeds/002, contracts §3).
// Mounted at /mock/medfusion/<tenant>/…; every tenant has its own feed, messages and faults.
//
// Endpoints (paths after the tenant):
//   POST v1/practice/{PracticeID}/appointmentsdata   AppointmentData XML (root ns2:AppointmentData in
//        http://schema.medfusion.com/appointmentsdata/v1, one <Appointments> per appointment, Status
//        NEW|UPDATE|CANCEL) → 202 ("202 OK" as documented) + Location: processingStatus/{MessageId} +
//        <ProcessingResponse> {DataJobId, MessageId, ProcessingStatus Successful, ResponseMessage}.
//        The message is applied only when processed: the first status read says PROCESSING, the second
//        COMPLETED (or ERROR with <Error>, e.g. UPDATE/CANCEL of an AppointmentId the practice never sent).
//   GET  v1/practice/{PracticeID}/processingStatus/{MessageId}   <ProcessingStatusResponse> with <State>.
//   GET  v1/practice/{PracticeID}/appointmentsdata?PatientId=…   NOT a Medfusion endpoint (Medfusion only
//        receives): the AppointmentData feed careslot reads, i.e. every processed message about that
//        patient in the order received (NEW, UPDATE, CANCEL), as the practice would serve it.
// Checks, answered as documented: OAuth `Authorization: Bearer <token>` on every call (missing, not Bearer,
// or a token containing "expired" → 401); Content-Type application/xml or text/xml (else 415); well-formed
// XML with the right root, namespace and required elements (else 400 with the reason); unknown PracticeID
// or path → 404. Error bodies are small HTML pages (401/404/415, as Medfusion's QA recorded) or XML
// <ErrorResponse><Message> (400).
//
// Data: tenant "demo" is seeded relative to the server clock; every other tenant gets the seed's sample
// appointment (123452, patient 787, Time 2016-12-23T00:00:00 without offset: the practice's wall-clock time)
// plus a moved, a cancelled and another patient's appointment (data.mjs).
//
// Test control: the shared protocol of ../harness.mjs (`__test/reset` takes no setup, `__test/fault`,
// `__test/log`, `__test/data`).
//   Operations (a fault's `op`): list (the feed), post (appointmentsdata), status (processingStatus).
//   Faults: status → 400 (XML <ErrorResponse>, `message` its reason) or 401 404 415 500 503 (the HTML pages);
//     expired-token (the 401); slow (then a normal answer); malformed (broken XML); unexpected (200 JSON instead
//     of XML); and Medfusion's own: error-state (processing ends in State ERROR), stuck (processing never completes).
//   Magic tenant names arm one fault for every call: fail500-*, fail503-*, slow-*, malformed-*, expired-*.
//   Log entries add contentType, auth ("bearer" | "none"; tokens are never logged) and, for a POST, body (the XML).
//   GET __test/data → the feed as AppointmentData XML; PUT __test/data (XML <AppointmentData>) replaces it.
import { randomUUID } from 'node:crypto';
import { checkSetup, faultTiming, readText, send, takeFault, tenants } from '../harness.mjs';
import { INTEGRATION_PRACTICE_IDS, NAMESPACE, PRACTICE_ID, demoMessages, testMessages } from './data.mjs';
import { escapeXml, kid, kids, parseXml, textOf, writeXml } from './xml.mjs';

const MAGIC = {
  fail500: { kind: 'status', status: 500 },
  fail503: { kind: 'status', status: 503 },
  slow: { kind: 'slow' },
  malformed: { kind: 'malformed' },
  expired: { kind: 'expired-token' },
};
const STATUSES = ['NEW', 'UPDATE', 'CANCEL'];

function createState(tenant, setup) {
  checkSetup(setup, []);
  const messages = (tenant === 'demo' ? demoMessages() : testMessages()).map((xml) => parseXml(xml));
  const magic = Object.entries(MAGIC).find(([prefix]) => tenant.startsWith(prefix));
  return {
    feed: messages, // processed <Appointments> nodes, in order received
    jobs: new Map(), // messageId -> { dataJobId, items, polls, state, error }
    faults: magic ? [{ op: '*', ...magic[1] }] : [],
    log: [],
  };
}

const XML_HEADERS = { 'Content-Type': 'application/xml', 'Cache-Control': 'no-store' };
const JSON_HEADERS = { 'Content-Type': 'application/json' };

function xml(res, status, body, headers = {}, statusText) {
  if (statusText) res.statusMessage = statusText;
  res.writeHead(status, { ...XML_HEADERS, ...headers });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
}

const TITLES = {
  401: 'Unauthorized',
  404: 'Not Found',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};
const DOCUMENTED = {
  400: 'Bad request. The data given in the HTTP request failed validation.',
  401: 'Unauthorized request. Check the OAuth attributes.',
  404: 'Not found. The requested resource was not found in the server.',
  415: 'Unsupported media type. The server could not process the request because the content type specified in the request header is not supported.',
  500: 'The server encountered an internal error.',
  503: 'The service is temporarily unavailable.',
};

function htmlError(res, status, message = DOCUMENTED[status], headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/html;charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(
    `<!doctype html><html><head><title>HTTP Status ${status} – ${TITLES[status] ?? 'Error'}</title></head><body><h1>HTTP Status ${status} – ${TITLES[status] ?? 'Error'}</h1><p>${escapeXml(message)}</p></body></html>`,
  );
}

function badRequest(res, message) {
  xml(res, 400, `<ErrorResponse><Code>400</Code><Message>${escapeXml(message)}</Message></ErrorResponse>`);
}

function feedXml(nodes) {
  return `<ns2:AppointmentData xmlns:ns2="${NAMESPACE}">
  <AppointmentMessageHeader><Sender VendorName="Medfusion contract server" DeviceLocalTime="${new Date().toISOString()}" DeviceVersion="1" DeviceName="feed"/></AppointmentMessageHeader>
${nodes.map((n) => writeXml(n, '  ')).join('\n')}
</ns2:AppointmentData>`;
}

/** Validates a posted AppointmentData; returns its <Appointments> nodes or an error text. */
function validate(root) {
  if (root.local !== 'AppointmentData') return `cvc-elt.1: Cannot find the declaration of element '${root.name}'.`;
  const prefix = root.name.includes(':') ? root.name.split(':')[0] : undefined;
  const ns = root.attrs[prefix ? `xmlns:${prefix}` : 'xmlns'];
  if (ns !== NAMESPACE) return `AppointmentData must be in namespace ${NAMESPACE}.`;
  const items = kids(root, 'Appointments');
  if (!items.length)
    return "cvc-complex-type.2.4.b: The content of element 'AppointmentData' is not complete. One of '{Appointments}' is expected.";
  for (const item of items) {
    const id = textOf(item, 'AppointmentId');
    if (!id) return "cvc-complex-type.2.4.a: Invalid content: 'AppointmentId' is expected.";
    if (!STATUSES.includes(textOf(item, 'Status')))
      return `Appointment ${id}: Status must be one of NEW, UPDATE, CANCEL.`;
    if (Number.isNaN(Date.parse(textOf(item, 'Time'))))
      return `Appointment ${id}: Time '${textOf(item, 'Time')}' is not a valid xs:dateTime.`;
    if (!INTEGRATION_PRACTICE_IDS.includes(textOf(kid(item, 'PracticeIdentifier'), 'IntegrationPracticeId')))
      return `Appointment ${id}: unknown IntegrationPracticeId.`;
    if (!textOf(kid(item, 'Patient'), 'PatientId')) return `Appointment ${id}: Patient/PatientId is required.`;
  }
  return items;
}

/** Processes a job on its second status read: applies the messages, or fails the whole message. */
function advance(state, job, forceError) {
  job.polls += 1;
  if (job.state !== 'PROCESSING' || job.stuck || job.polls < 2) return;
  if (forceError) {
    job.state = 'ERROR';
    job.error = 'Message could not be processed: the practice is not configured for appointment display.';
    return;
  }
  for (const item of job.items) {
    const id = textOf(item, 'AppointmentId');
    const status = textOf(item, 'Status');
    const known = state.feed.some((n) => textOf(n, 'AppointmentId') === id);
    if (status !== 'NEW' && !known) {
      job.state = 'ERROR';
      job.error = `AppointmentId ${id} does not exist for this practice; ${status} needs an appointment sent as NEW first.`;
      return;
    }
  }
  state.feed.push(...job.items);
  job.state = 'COMPLETED';
}

async function handle(req, res, { state, path, url, entry }) {
  const method = req.method ?? 'GET';
  const match = /^\/v1\/practice\/([^/]+)\/(appointmentsdata|processingStatus\/([^/]+))\/?$/.exec(path);
  const op = !match ? 'unknown' : match[2] === 'appointmentsdata' ? (method === 'POST' ? 'post' : 'list') : 'status';
  const authorization = String(req.headers.authorization ?? '');
  Object.assign(entry, {
    op,
    contentType: req.headers['content-type'] ?? null,
    auth: /^Bearer \S+/.test(authorization) ? 'bearer' : 'none',
  });
  const body = method === 'POST' ? await readText(req) : '';
  if (method === 'POST') entry.body = body;

  if (!/^Bearer \S+/.test(authorization) || authorization.includes('expired')) {
    return htmlError(res, 401, undefined, { 'WWW-Authenticate': 'Bearer realm="medfusion", error="invalid_token"' });
  }
  if (!match || decodeURIComponent(match[1]) !== PRACTICE_ID) return htmlError(res, 404);

  const armed = takeFault(state.faults, { op, method, path: `${path}${url.search}` });
  if (!(await faultTiming(armed, res))) return;
  const injected =
    armed?.kind === 'status' ? String(armed.status) : armed?.kind === 'expired-token' ? '401' : armed?.kind;
  // `slow` has waited above and is then answered as usual.
  if (injected === 'malformed')
    return xml(
      res,
      op === 'post' ? 202 : 200,
      '<ProcessingResponse><DataJobId>abc</DataJobId><Appointments><AppointmentId>1</Appoint',
    );
  else if (injected === 'unexpected') return send(res, 200, { status: 'ok', appointments: [] }, JSON_HEADERS);
  else if (injected === '400')
    return badRequest(res, armed.message ?? 'cvc-datatype-valid.1.2.1: Injected validation failure.');
  else if (injected && DOCUMENTED[injected]) return htmlError(res, Number(injected), armed.message);
  else if (armed?.kind === 'status') return htmlError(res, armed.status, armed.message ?? 'Injected failure.');

  if (op === 'list') {
    if (method !== 'GET') return htmlError(res, 404);
    const patientId = url.searchParams.get('PatientId');
    if (!patientId) return badRequest(res, 'Query parameter PatientId is required.');
    return xml(res, 200, feedXml(state.feed.filter((n) => textOf(kid(n, 'Patient'), 'PatientId') === patientId)));
  }

  if (op === 'status') {
    if (method !== 'GET') return htmlError(res, 404);
    const job = state.jobs.get(decodeURIComponent(match[3]));
    if (!job) return htmlError(res, 404);
    advance(state, job, injected === 'error-state' || job.forceError);
    return xml(
      res,
      200,
      `<ProcessingStatusResponse xmlns:ns2="${NAMESPACE}">
  <DataJobId>${job.dataJobId}</DataJobId>
  <Messages>
    <Message>
      <MessageId>${job.messageId}</MessageId>
      <State>${job.state}</State>${job.error ? `\n      <Error>${escapeXml(job.error)}</Error>` : ''}
    </Message>
  </Messages>
</ProcessingStatusResponse>`,
    );
  }

  // POST appointmentsdata
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  if (type !== 'application/xml' && type !== 'text/xml') return htmlError(res, 415);
  let root;
  try {
    root = parseXml(body);
  } catch (error) {
    return badRequest(res, `The request body is not well-formed XML: ${error.message}`);
  }
  const items = validate(root);
  if (typeof items === 'string') return badRequest(res, items);
  const job = {
    dataJobId: randomUUID(),
    messageId: randomUUID(),
    items,
    polls: 0,
    state: 'PROCESSING',
    stuck: injected === 'stuck',
  };
  if (injected === 'error-state') job.forceError = true;
  state.jobs.set(job.messageId, job);
  if (job.forceError) {
    job.polls = 1;
    advance(state, job, true);
  }
  return xml(
    res,
    202,
    `<ProcessingResponse xmlns:ns2="http://schema.intuit.com/health/appointmentsData/v1" xmlns:ns3="${NAMESPACE}">
   <DataJobId>${job.dataJobId}</DataJobId>
   <MessageId>${job.messageId}</MessageId>
   <ProcessingStatus>Successful</ProcessingStatus>
   <ResponseMessage></ResponseMessage>
</ProcessingResponse>`,
    { Location: `processingStatus/${job.messageId}` },
    'OK',
  );
}

export default async function create() {
  return tenants(createState, handle, {
    faultKinds: ['status', 'expired-token', 'slow', 'malformed', 'unexpected', 'error-state', 'stuck'],
    data: {
      get: (state) => [200, `<?xml version="1.0" encoding="UTF-8"?>\n${feedXml(state.feed)}`, XML_HEADERS],
      put: (state, text) => {
        state.feed = kids(parseXml(text), 'Appointments');
        return [200, { ok: true }];
      },
    },
  });
}
