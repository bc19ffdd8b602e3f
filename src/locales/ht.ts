// careslot's strings in this language, by msg() id (see src/locales/README.md): the three areas together, one
// lazy chunk. The build ships them as texts without ids (compactLocales in vite.config.ts).
import { journey } from './ht/journey.js';
import { picker } from './ht/picker.js';
import { visits } from './ht/visits.js';

export const templates: Record<string, unknown> = { ...picker, ...visits, ...journey };
export const texts: readonly (string | null)[] | undefined = undefined;
