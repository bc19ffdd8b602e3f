/** The script-tag build: everything `careslot` exports, with the elements registered. */
export * from './index.js';
export { defineCareslot } from './define.js';
