// Every string id of every language, in the order of the built language chunks' texts. Empty in the source
// (the languages carry their ids there); the build fills it (compactLocales in vite.config.ts).
export const LOCALE_IDS: readonly string[] = [];
