/**
 * The SMART Scheduling Links wire format (contracts §6.3): the `$bulk-publish` manifest and the Location,
 * Schedule and Slot lines of its NDJSON files. Only what the adapter reads is typed.
 */

export interface ManifestOutput {
  type?: string;
  url?: string;
  extension?: { state?: string[] };
}

export interface Extension {
  url?: string;
  valueUrl?: string;
  valueString?: string;
  valueInteger?: number;
}

export interface SmartLocation {
  resourceType: 'Location';
  id?: string;
  name?: string;
  telecom?: { system?: string; value?: string }[];
  address?: { line?: string[]; city?: string; state?: string; postalCode?: string; district?: string };
  description?: string;
}

export interface SmartSchedule {
  resourceType: 'Schedule';
  id?: string;
  actor?: { reference?: string; display?: string }[];
  serviceType?: { coding?: { system?: string; code?: string; display?: string }[]; text?: string }[];
}

export interface SmartSlot {
  resourceType: 'Slot';
  id?: string;
  schedule?: { reference?: string };
  status?: string;
  start?: string;
  end?: string;
  extension?: Extension[];
}
