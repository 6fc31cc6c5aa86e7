// Replaced at build time from package.json by esbuild's `define`; the fallback serves source-level tests.
declare const __CHAMELEON_VERSION__: string | undefined;
export const VERSION: string = typeof __CHAMELEON_VERSION__ === 'string' ? __CHAMELEON_VERSION__ : '0.0.0-dev';
