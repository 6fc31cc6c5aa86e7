// Module resolution hooks for importTrace.mjs: runs in Node's hooks thread and appends each resolved URL.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, nextResolve) {
    const result = await nextResolve(specifier, context);
    if (process.env.CHAMELEON_IMPORT_TRACE) appendFileSync(process.env.CHAMELEON_IMPORT_TRACE, `${result.url}\n`);
    return result;
}
