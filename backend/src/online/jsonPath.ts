// The small path language of the generic JSON source: dotted names and [index], with an optional leading `$.`,
// e.g. `data.items`, `$.photos[0].src.original`, `user.name`. Enough for any API that returns a list of
// objects, and simple enough to type into a preferences field.

export type PathStep = string | number;

export function parsePath(path: string): PathStep[] {
    const trimmed = path.trim().replace(/^\$\.?/, '');
    if (trimmed === '') return [];
    const steps: PathStep[] = [];
    for (const part of trimmed.split('.')) {
        const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
        if (!match) throw new SyntaxError(`"${path}" is not a path like data.items[0].url`);
        if (match[1]) steps.push(match[1]);
        for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) steps.push(Number(index[1]));
        if (!match[1] && !match[2]) throw new SyntaxError(`"${path}" has an empty name`);
    }
    return steps;
}

export function valueAt(value: unknown, path: string | PathStep[]): unknown {
    let current = value;
    for (const step of typeof path === 'string' ? parsePath(path) : path) {
        if (typeof step === 'number') current = Array.isArray(current) ? current[step] : undefined;
        else
            current =
                typeof current === 'object' && current !== null && !Array.isArray(current)
                    ? (current as Record<string, unknown>)[step]
                    : undefined;
        if (current === undefined) return undefined;
    }
    return current;
}
