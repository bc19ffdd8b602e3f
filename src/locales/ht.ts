// careslot's strings in this language, by msg() id (see src/locales/README.md). A lazy chunk of its own.
import { journey } from './ht/journey.js';
import { picker } from './ht/picker.js';
import { visits } from './ht/visits.js';

export const templates: Record<string, unknown> = { ...picker, ...visits, ...journey };
