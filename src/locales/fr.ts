// careslot's strings in this language, by msg() id (see src/locales/README.md). A lazy chunk of its own.
import { journey } from './fr/journey.js';
import { picker } from './fr/picker.js';
import { visits } from './fr/visits.js';

export const templates: Record<string, unknown> = { ...picker, ...visits, ...journey };
