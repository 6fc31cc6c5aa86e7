// The GVariant text format, as far as `gsettings get/set` needs it for strings and string arrays.
// Quoting matters: file names may hold quotes and backslashes, and a value gsettings cannot parse is an error.

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', b: '\b', a: '\x07' };

export function formatGVariantString(value: string): string {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

export function formatGVariantStringArray(values: readonly string[]): string {
    return values.length === 0 ? '@as []' : `[${values.map(formatGVariantString).join(', ')}]`;
}

/** Parses one quoted GVariant string at `start`; returns the value and the index after its closing quote. */
function readString(text: string, start: number): [string, number] {
    const quote = text[start];
    if (quote !== "'" && quote !== '"') throw new SyntaxError(`expected a quoted string at ${start} in ${text}`);
    let out = '';
    let i = start + 1;
    while (i < text.length) {
        const ch = text[i]!;
        if (ch === quote) return [out, i + 1];
        if (ch !== '\\') {
            out += ch;
            i++;
            continue;
        }
        const next = text[i + 1] ?? '';
        if (next === 'u' || next === 'U') {
            const digits = next === 'u' ? 4 : 8;
            out += String.fromCodePoint(parseInt(text.slice(i + 2, i + 2 + digits), 16));
            i += 2 + digits;
        } else {
            out += ESCAPES[next] ?? next;
            i += 2;
        }
    }
    throw new SyntaxError(`unterminated string in ${text}`);
}

export function parseGVariantString(text: string): string {
    const trimmed = text.trim();
    const [value, end] = readString(trimmed, 0);
    if (end !== trimmed.length) throw new SyntaxError(`unexpected text after string: ${trimmed}`);
    return value;
}

const TYPE_WORDS = /^(?:byte|int16|uint16|int32|uint32|int64|uint64|handle|double)\s+/;

/**
 * Parses the values `gsettings get` and `list-recursively` print for the types our schema uses: strings,
 * booleans, numbers (with or without a type word such as `uint32 10`) and arrays of those, nested.
 */
export function parseGVariantValue(text: string): unknown {
    const [value, end] = readValue(text.trim(), 0);
    if (end !== text.trim().length) throw new SyntaxError(`unexpected text in ${text}`);
    return value;
}

function readValue(text: string, start: number): [unknown, number] {
    let i = start;
    while (text[i] === ' ') i++;
    if (text.startsWith('@', i)) i = text.indexOf(' ', i) + 1;
    const rest = text.slice(i);
    const typed = TYPE_WORDS.exec(rest);
    if (typed) return readValue(text, i + typed[0].length);
    const ch = text[i];
    if (ch === "'" || ch === '"') return readString(text, i);
    if (ch === '{') {
        // A dictionary, e.g. a{sd}: {'key': 2.5, …}.
        const entries: Record<string, unknown> = {};
        i++;
        for (;;) {
            while (text[i] === ' ' || text[i] === ',') i++;
            if (text[i] === '}') return [entries, i + 1];
            if (i >= text.length) throw new SyntaxError(`unterminated dictionary in ${text}`);
            const [key, afterKey] = readValue(text, i);
            i = afterKey;
            while (text[i] === ' ') i++;
            if (text[i] !== ':') throw new SyntaxError(`expected ':' at ${i} in ${text}`);
            const [value, next] = readValue(text, i + 1);
            entries[String(key)] = value;
            i = next;
        }
    }
    if (ch === '[') {
        const values: unknown[] = [];
        i++;
        for (;;) {
            while (text[i] === ' ' || text[i] === ',') i++;
            if (text[i] === ']') return [values, i + 1];
            if (i >= text.length) throw new SyntaxError(`unterminated array in ${text}`);
            const [value, next] = readValue(text, i);
            values.push(value);
            i = next;
        }
    }
    const word = /^(true|false|-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)/.exec(rest);
    if (!word) throw new SyntaxError(`unsupported GVariant text at ${i}: ${text}`);
    const value = word[1] === 'true' ? true : word[1] === 'false' ? false : Number(word[1]);
    return [value, i + word[0].length];
}

export function parseGVariantStringArray(text: string): string[] {
    let body = text.trim();
    if (body.startsWith('@as')) body = body.slice(3).trim();
    if (!body.startsWith('[') || !body.endsWith(']')) throw new SyntaxError(`not a string array: ${text}`);
    const values: string[] = [];
    let i = 1;
    const end = body.length - 1;
    while (i < end) {
        const ch = body[i]!;
        if (ch === ' ' || ch === ',') {
            i++;
            continue;
        }
        const [value, next] = readString(body, i);
        values.push(value);
        i = next;
    }
    return values;
}
