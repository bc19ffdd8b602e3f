// The journey strings in this language; see src/locales/README.md.
export const journey: Record<string, unknown> = {};
