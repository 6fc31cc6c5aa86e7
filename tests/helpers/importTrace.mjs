// `node --import ./importTrace.mjs …` records every module the program loads (one resolved URL a line) in the file
// named by CHAMELEON_IMPORT_TRACE, so a test can see which libraries a command really pulled in.
import { register } from 'node:module';

register(new URL('./importTraceHooks.mjs', import.meta.url));
