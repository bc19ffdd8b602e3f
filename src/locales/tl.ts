// careslot's strings in this language, by msg() id (see src/locales/README.md). A lazy chunk of its own.
import { journey } from './tl/journey.js';
import { picker } from './tl/picker.js';
import { visits } from './tl/visits.js';

export const templates: Record<string, unknown> = { ...picker, ...visits, ...journey };
