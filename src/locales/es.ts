// careslot's strings in this language, by msg() id (see src/locales/README.md). A lazy chunk of its own.
import { journey } from './es/journey.js';
import { picker } from './es/picker.js';
import { visits } from './es/visits.js';

export const templates: Record<string, unknown> = { ...picker, ...visits, ...journey };
