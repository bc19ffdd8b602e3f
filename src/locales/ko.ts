// careslot's strings in this language, by msg() id (see src/locales/README.md). A lazy chunk of its own.
import { journey } from './ko/journey.js';
import { picker } from './ko/picker.js';
import { visits } from './ko/visits.js';

export const templates: Record<string, unknown> = { ...picker, ...visits, ...journey };
