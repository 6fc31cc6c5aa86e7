// A small TOML reader for the fake wallust: enough of TOML for wallust.toml (top-level keys, `[tables]`,
// dotted keys, basic and literal strings, integers, floats, booleans, inline tables, flat arrays), built on
// Node built-ins only so the fake starts fast. Errors carry the line and column like the `toml` crate's
// ("TOML parse error at line 1, column 11").

export class TomlError extends Error {
    constructor(message, line, column, sourceLine) {
        super(message);
        this.line = line;
        this.column = column;
        this.sourceLine = sourceLine;
    }

    render() {
        const n = String(this.line);
        const pad = ' '.repeat(n.length);
        return (
            `TOML parse error at line ${this.line}, column ${this.column}\n${pad} |\n${n} | ` +
            `${this.sourceLine}\n${pad} | ${' '.repeat(this.column - 1)}^\n${this.message}`
        );
    }
}

export function parseToml(source) {
    const root = {};
    let table = root;
    const lines = source.split(/\r?\n/);

    for (let ln = 0; ln < lines.length; ln++) {
        const line = lines[ln];
        const s = new Scanner(line, ln + 1);
        s.skipWs();
        if (s.done() || s.peek() === '#') continue;

        if (s.peek() === '[') {
            if (line.trimStart().startsWith('[[')) throw s.error('arrays of tables are not supported by the fake');
            s.pos += 1;
            const path = s.readKeyPath();
            s.skipWs();
            s.expect(']');
            s.endOfLine();
            table = root;
            for (const k of path) {
                table[k] ??= {};
                if (typeof table[k] !== 'object' || Array.isArray(table[k])) throw s.error(`duplicate key \`${k}\``);
                table = table[k];
            }
            continue;
        }

        const path = s.readKeyPath();
        s.skipWs();
        s.expect('=');
        s.skipWs();
        const value = s.readValue();
        s.endOfLine();
        assign(table, path, value, s);
    }
    return root;
}

function assign(table, path, value, s) {
    let t = table;
    for (const k of path.slice(0, -1)) {
        t[k] ??= {};
        if (typeof t[k] !== 'object' || Array.isArray(t[k]))
            throw s.error(`dotted key \`${k}\` attempted to extend non-table type`);
        t = t[k];
    }
    const last = path[path.length - 1];
    if (Object.hasOwn(t, last)) throw s.error(`duplicate key \`${last}\``);
    t[last] = value;
}

class Scanner {
    constructor(text, lineNo) {
        this.text = text;
        this.lineNo = lineNo;
        this.pos = 0;
    }

    error(message) {
        return new TomlError(message, this.lineNo, this.pos + 1, this.text);
    }

    done() {
        return this.pos >= this.text.length;
    }
    peek() {
        return this.text[this.pos];
    }
    skipWs() {
        while (!this.done() && (this.peek() === ' ' || this.peek() === '\t')) this.pos += 1;
    }

    expect(ch) {
        if (this.peek() !== ch) throw this.error(`expected \`${ch}\``);
        this.pos += 1;
    }

    endOfLine() {
        this.skipWs();
        if (!this.done() && this.peek() !== '#') throw this.error('expected newline, `#`');
    }

    readKeyPath() {
        const path = [this.readKey()];
        this.skipWs();
        while (this.peek() === '.') {
            this.pos += 1;
            this.skipWs();
            path.push(this.readKey());
            this.skipWs();
        }
        return path;
    }

    readKey() {
        const ch = this.peek();
        if (ch === '"') return this.readBasicString();
        if (ch === "'") return this.readLiteralString();
        const m = /^[A-Za-z0-9_-]+/.exec(this.text.slice(this.pos));
        if (!m) throw this.error('invalid key');
        this.pos += m[0].length;
        return m[0];
    }

    readValue() {
        const ch = this.peek();
        if (ch === '"') {
            if (this.text.startsWith('"""', this.pos))
                throw this.error('multi-line strings are not supported by the fake');
            return this.readBasicString();
        }
        if (ch === "'") return this.readLiteralString();
        if (ch === '{') return this.readInlineTable();
        if (ch === '[') return this.readArray();
        const rest = this.text.slice(this.pos);
        const bool = /^(true|false)(?![A-Za-z0-9_-])/.exec(rest);
        if (bool) {
            this.pos += bool[0].length;
            return bool[1] === 'true';
        }
        const num = /^[+-]?(\d[\d_]*)(\.\d[\d_]*)?([eE][+-]?\d+)?(?![A-Za-z0-9_.-])/.exec(rest);
        if (num) {
            this.pos += num[0].length;
            return Number(num[0].replaceAll('_', ''));
        }
        throw this.error('invalid string\nexpected `"`, `\'`');
    }

    readBasicString() {
        this.pos += 1;
        let out = '';
        while (!this.done()) {
            const ch = this.peek();
            this.pos += 1;
            if (ch === '"') return out;
            if (ch !== '\\') {
                out += ch;
                continue;
            }
            const esc = this.peek();
            this.pos += 1;
            const simple = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
            if (esc in simple) out += simple[esc];
            else if (esc === 'u' || esc === 'U') {
                const len = esc === 'u' ? 4 : 8;
                const hex = this.text.slice(this.pos, this.pos + len);
                if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== len) throw this.error('invalid unicode escape');
                out += String.fromCodePoint(parseInt(hex, 16));
                this.pos += len;
            } else throw this.error('invalid escape sequence');
        }
        throw this.error('invalid basic string');
    }

    readLiteralString() {
        this.pos += 1;
        const end = this.text.indexOf("'", this.pos);
        if (end === -1) throw this.error('invalid literal string');
        const out = this.text.slice(this.pos, end);
        this.pos = end + 1;
        return out;
    }

    readInlineTable() {
        this.pos += 1;
        const t = {};
        this.skipWs();
        if (this.peek() === '}') {
            this.pos += 1;
            return t;
        }
        for (;;) {
            this.skipWs();
            const path = this.readKeyPath();
            this.skipWs();
            this.expect('=');
            this.skipWs();
            assign(t, path, this.readValue(), this);
            this.skipWs();
            if (this.peek() === ',') {
                this.pos += 1;
                continue;
            }
            this.expect('}');
            return t;
        }
    }

    readArray() {
        this.pos += 1;
        const a = [];
        for (;;) {
            this.skipWs();
            if (this.peek() === ']') {
                this.pos += 1;
                return a;
            }
            a.push(this.readValue());
            this.skipWs();
            if (this.peek() === ',') {
                this.pos += 1;
                continue;
            }
            this.expect(']');
            return a;
        }
    }
}
