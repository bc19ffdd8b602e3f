// careslot's strings in this language, by msg() id (see src/locales/README.md). A lazy chunk of its own.
import { journey } from './vi/journey.js';
import { picker } from './vi/picker.js';
import { visits } from './vi/visits.js';

export const templates: Record<string, unknown> = { ...picker, ...visits, ...journey };
