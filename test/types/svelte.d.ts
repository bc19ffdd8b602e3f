// .svelte files are compiled by the test server (test/frameworks/plugins.mjs); tsc sees them as components.
declare module '*.svelte' {
  import type { Component } from 'svelte';
  const component: Component<Record<string, unknown>>;
  export default component;
}
