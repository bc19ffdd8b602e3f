// The picker strings in this language; see src/locales/README.md.
export const picker: Record<string, unknown> = {};
