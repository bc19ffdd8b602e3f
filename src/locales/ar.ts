// careslot's strings in this language, by msg() id (see src/locales/README.md). A lazy chunk of its own.
import { journey } from './ar/journey.js';
import { picker } from './ar/picker.js';
import { visits } from './ar/visits.js';

export const templates: Record<string, unknown> = { ...picker, ...visits, ...journey };
