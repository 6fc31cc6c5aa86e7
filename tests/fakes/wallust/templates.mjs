// `[templates]` rendering for the fake wallust: `{{ color0 }}` style variables (with the `strip`, `rgb`,
// `red`, `green`, `blue`, `upper` and `lower` filters), or `{color0}` / `{color0.strip}` when the entry
// sets `pywal = true`. Colours render as uppercase `#RRGGBB`, as wallust documents. A template that
// cannot be read or rendered only warns (`[W] name: …` on stderr), like the real one, and the run still
// succeeds. Block tags (`{% … %}`) are not interpreted; they are copied as they are.

import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import process from 'node:process';

const FILTERS = {
    strip: (v) => String(v).replace(/^#/, ''),
    upper: (v) => String(v).toUpperCase(),
    lower: (v) => String(v).toLowerCase(),
    rgb: (v) => channels(v).join(','),
    red: (v) => String(channels(v)[0]),
    green: (v) => String(channels(v)[1]),
    blue: (v) => String(channels(v)[2]),
};

function channels(v) {
    const m = /^#?([0-9A-Fa-f]{2})([0-9A-Fa-f]{2})([0-9A-Fa-f]{2})$/.exec(String(v));
    if (!m) throw new Error(`cannot read '${v}' as a colour`);
    return m.slice(1).map((h) => parseInt(h, 16));
}

export function templateValues(p, { wallpaper, backend, colorspace, palette, alpha }) {
    const values = {
        background: p.background,
        foreground: p.foreground,
        cursor: p.cursor,
        wallpaper,
        backend,
        colorspace,
        palette,
        alpha: String(alpha),
        alpha_dec: alpha % 10 === 0 ? (alpha / 100).toFixed(1) : (alpha / 100).toFixed(2),
    };
    p.colors.forEach((c, i) => {
        values[`color${i}`] = c;
    });
    return values;
}

export function renderJinja(source, values) {
    return source.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*((?:\|\s*[A-Za-z_]+\s*)*)\}\}/g, (_, name, filters) => {
        let v = values[name] ?? '';
        for (const f of filters
            .split('|')
            .map((s) => s.trim())
            .filter(Boolean)) {
            const fn = FILTERS[f];
            if (!fn) throw new Error(`unknown filter: filter ${f} is unknown`);
            v = fn(v);
        }
        return v;
    });
}

export function renderPywal(source, values) {
    return source
        .replace(/\{([A-Za-z_][A-Za-z0-9_]*)(?:\.(strip|rgb|red|green|blue))?\}/g, (whole, name, method) => {
            if (!(name in values)) return whole;
            return method ? FILTERS[method](values[name]) : values[name];
        })
        .replaceAll('{{', '{')
        .replaceAll('}}', '}');
}

function expandTarget(target, envVars, env) {
    let t = target;
    if (envVars)
        t = t.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, a, b) => env[a ?? b] ?? '');
    if (t === '~' || t.startsWith('~/')) t = path.join(env.HOME || os.homedir(), t.slice(1));
    return t;
}

/**
 * Where a template's source lives. wallust 3.x resolves `template = 'x'` against its config directory;
 * the newest builds against `<config dir>/templates`. The fake accepts both (templates/ first).
 */
function templateSource(configDir, name) {
    if (path.isAbsolute(name)) return name;
    const inTemplates = path.join(configDir, 'templates', name);
    return fs.existsSync(inTemplates) ? inTemplates : path.join(configDir, name);
}

export function writeTemplates({ templates, configDir, values, quiet, envVars, env = process.env }) {
    const say = (s) => {
        if (!quiet) process.stdout.write(`${s}\n`);
    };
    if (!templates || typeof templates !== 'object') {
        say('[I] templates: No templates found');
        return;
    }
    say('[I] templates: Writing templates..');
    for (const [name, fields] of Object.entries(templates)) {
        const src = fields.template ?? fields.src;
        const dst = fields.target ?? fields.dst;
        if (typeof src !== 'string' || typeof dst !== 'string') {
            process.stderr.write(`[W] ${name}: needs both \`template\` and \`target\`\n`);
            continue;
        }
        const source = templateSource(configDir, src);
        const target = expandTarget(dst, envVars, env);
        try {
            let content;
            try {
                content = fs.readFileSync(source, 'utf8');
            } catch (err) {
                throw new Error(`Reading ${source} failed: ${osError(err)}`, { cause: err });
            }
            const rendered = fields.pywal === true ? renderPywal(content, values) : renderJinja(content, values);
            fs.mkdirSync(path.dirname(target), { recursive: true });
            fs.writeFileSync(target, rendered);
            say(`  * Templated ${name} to '${target}'`);
        } catch (err) {
            process.stderr.write(`[W] ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
        }
    }
}

/** Rust's io::Error display: "No such file or directory (os error 2)". */
export function osError(err) {
    const table = {
        ENOENT: ['No such file or directory', 2],
        EACCES: ['Permission denied', 13],
        EISDIR: ['Is a directory', 21],
        ENOTDIR: ['Not a directory', 20],
        ENOSPC: ['No space left on device', 28],
        EROFS: ['Read-only file system', 30],
    };
    const hit = table[err?.code];
    return hit ? `${hit[0]} (os error ${hit[1]})` : String(err?.message ?? err);
}
