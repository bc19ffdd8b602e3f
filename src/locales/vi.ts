// careslot's strings in this language, by msg() id (see src/locales/README.md): the three areas together, one
// lazy chunk. The build ships them as texts without ids (compactLocales in vite.config.ts).
import { journey } from './vi/journey.js';
import { picker } from './vi/picker.js';
import { visits } from './vi/visits.js';

export const templates: Record<string, unknown> = { ...picker, ...visits, ...journey };
export const texts: readonly (string | null)[] | undefined = undefined;
