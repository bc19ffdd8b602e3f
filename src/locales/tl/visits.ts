// The visits strings in this language; see src/locales/README.md.
export const visits: Record<string, unknown> = {};
