// careslot's strings in this language, by msg() id (see src/locales/README.md). A lazy chunk of its own.
import { journey } from './pt/journey.js';
import { picker } from './pt/picker.js';
import { visits } from './pt/visits.js';

export const templates: Record<string, unknown> = { ...picker, ...visits, ...journey };
