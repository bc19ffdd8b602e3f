// careslot's strings in this language, by msg() id (see src/locales/README.md). A lazy chunk of its own.
import { journey } from './ru/journey.js';
import { picker } from './ru/picker.js';
import { visits } from './ru/visits.js';

export const templates: Record<string, unknown> = { ...picker, ...visits, ...journey };
