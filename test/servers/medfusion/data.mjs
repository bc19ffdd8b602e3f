// Appointment messages for the medfusion contract server, as Medfusion's AppointmentData XML.
// The first one is the seed's sample call verbatim (practice e60b6468…, patient 787 Chuck Swegle).
import { escapeXml } from './xml.mjs';

export const PRACTICE_ID = '1c7ecf9f-9700-4e70-b976-9356db658274';
/** The seed's body names a different IntegrationPracticeId than its URL; both belong to the one practice here. */
export const INTEGRATION_PRACTICE_IDS = [PRACTICE_ID, 'e60b6468-e585-4a1c-b0d3-e24d0ec76b3a'];
export const NAMESPACE = 'http://schema.medfusion.com/appointmentsdata/v1';

export const SEED_APPOINTMENT = `<Appointments>
    <PracticeIdentifier>
        <IntegrationPracticeId>e60b6468-e585-4a1c-b0d3-e24d0ec76b3a</IntegrationPracticeId>
    </PracticeIdentifier>
    <AppointmentId>123452</AppointmentId>
    <Status>NEW</Status>
    <Type>NEW APPOINTMENT</Type>
    <Description>New Appointment Schedule</Description>
    <Time>2016-12-23T00:00:00</Time>
    <Location>Chico</Location>
    <AppointmentAddress>
        	<Address1>Chico</Address1>
        	<Address2></Address2>
        	<City>California</City>
        	<State>California</State>
        	<ZipCode>12345</ZipCode>
     </AppointmentAddress>
    <Patient>
        <PatientId>787</PatientId>
        <FirstName>Chuck</FirstName>
        <LastName>Swegle</LastName> 
        <DOB>2016-12-23T00:00:00</DOB>
        <Email>dinshawswalnut@gmail.com</Email>
        <Address>
        	<Address1>Chico</Address1>
        	<Address2></Address2>
        	<City>California</City>
        	<State>California</State>
        	<ZipCode>12345</ZipCode>
        </Address>	
        <Insurance>
        	<InsuranceInfo>	
            	<Status>Complete</Status>
             	<GroupNumber>21231</GroupNumber>
            	<MemberId>4445503</MemberId>
            </InsuranceInfo>
         </Insurance>
    </Patient>
    <Participant>  
        <Type>PROVIDER</Type>
        <Identifier>hwinston</Identifier>    
        <ProviderName>Mickey Wal</ProviderName>
    </Participant>
    <Copayment>
    	<Amount>23</Amount>
    </Copayment>
    <Balance>
        <DueBy>2016-12-23T00:00:00</DueBy>
        <Amount>23</Amount>
    </Balance>
 </Appointments>`;

/** One `<Appointments>` message in the seed's shape. */
export function appointmentXml({
  id,
  status = 'NEW',
  type = 'NEW APPOINTMENT',
  reason,
  description = 'Appointment',
  time,
  location = 'Chico',
  address1 = '1600 Esplanade',
  city = 'Chico',
  state = 'CA',
  zip = '95926',
  patientId = '787',
  first = 'Chuck',
  last = 'Swegle',
  providerId = 'hwinston',
  provider = 'Mickey Wal',
}) {
  return `<Appointments>
    <PracticeIdentifier><IntegrationPracticeId>${PRACTICE_ID}</IntegrationPracticeId></PracticeIdentifier>
    <AppointmentId>${escapeXml(id)}</AppointmentId>
    <Status>${status}</Status>
    <Type>${escapeXml(type)}</Type>${reason ? `\n    <Reason>${escapeXml(reason)}</Reason>` : ''}
    <Description>${escapeXml(description)}</Description>
    <Time>${time}</Time>
    <Location>${escapeXml(location)}</Location>
    <AppointmentAddress><Address1>${escapeXml(address1)}</Address1><Address2></Address2><City>${escapeXml(city)}</City><State>${state}</State><ZipCode>${zip}</ZipCode></AppointmentAddress>
    <Patient><PatientId>${patientId}</PatientId><FirstName>${escapeXml(first)}</FirstName><LastName>${escapeXml(last)}</LastName></Patient>
    <Participant><Type>PROVIDER</Type><Identifier>${escapeXml(providerId)}</Identifier><ProviderName>${escapeXml(provider)}</ProviderName></Participant>
  </Appointments>`;
}

/** The feed of test tenants: the seed, an appointment moved by UPDATE, one cancelled, another patient's. */
export function testMessages() {
  return [
    SEED_APPOINTMENT,
    appointmentXml({
      id: '123460',
      time: '2016-12-28T17:30:00Z',
      description: 'Annual physical',
      provider: 'Dana Whitfield, MD',
      providerId: 'dwhitfield',
    }),
    appointmentXml({
      id: '123460',
      status: 'UPDATE',
      type: 'UPDATE APPOINTMENT',
      reason: 'Annual physical (moved)',
      time: '2016-12-29T18:00:00.000Z',
      provider: 'Dana Whitfield, MD',
      providerId: 'dwhitfield',
    }),
    appointmentXml({ id: '123471', time: '2017-01-05T16:00:00Z', description: 'Flu shot' }),
    appointmentXml({
      id: '123471',
      status: 'CANCEL',
      type: 'CANCEL APPOINTMENT',
      time: '2017-01-05T16:00:00Z',
      description: 'Flu shot',
    }),
    appointmentXml({
      id: '555001',
      time: '2016-12-27T17:00:00Z',
      patientId: '999',
      first: 'Other',
      last: 'Patient',
      description: 'Not yours',
    }),
  ];
}

/** The `demo` tenant: patient 787's appointments placed relative to the server clock (UTC `Z` times). */
export function demoMessages(now = Date.now()) {
  const day = 86_400_000;
  const at = (days, utcHour, minute = 0) => {
    const d = new Date(now + days * day);
    d.setUTCHours(utcHour, minute, 0, 0);
    return d.toISOString();
  };
  return [
    appointmentXml({
      id: 'D-100',
      time: at(-21, 17),
      description: 'Annual physical',
      provider: 'Dana Whitfield, MD',
      providerId: 'dwhitfield',
    }),
    appointmentXml({ id: 'D-101', time: at(2, 17, 30), description: 'Follow-up visit' }),
    appointmentXml({
      id: 'D-102',
      time: at(6, 21),
      description: 'Lab work',
      location: 'Chico Lab',
      address1: '251 Cohasset Rd',
    }),
    appointmentXml({
      id: 'D-102',
      status: 'UPDATE',
      type: 'UPDATE APPOINTMENT',
      reason: 'Lab work (moved)',
      time: at(7, 16),
      location: 'Chico Lab',
      address1: '251 Cohasset Rd',
    }),
    appointmentXml({
      id: 'D-103',
      time: at(10, 18),
      description: 'Dermatology consult',
      provider: 'Dana Whitfield, MD',
      providerId: 'dwhitfield',
    }),
    appointmentXml({
      id: 'D-103',
      status: 'CANCEL',
      type: 'CANCEL APPOINTMENT',
      time: at(10, 18),
      description: 'Dermatology consult',
      provider: 'Dana Whitfield, MD',
      providerId: 'dwhitfield',
    }),
  ];
}
