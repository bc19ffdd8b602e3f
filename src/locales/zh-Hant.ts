// careslot's strings in this language, by msg() id (see src/locales/README.md). A lazy chunk of its own.
import { journey } from './zh-Hant/journey.js';
import { picker } from './zh-Hant/picker.js';
import { visits } from './zh-Hant/visits.js';

export const templates: Record<string, unknown> = { ...picker, ...visits, ...journey };
