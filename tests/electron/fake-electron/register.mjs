// `node --import ./register.mjs dist/main/index.js`: resolves `electron` to the fake next to this file.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
