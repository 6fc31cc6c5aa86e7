// `npm run bench [-- --json] [-- --only NAME]`: runs every benchmark suite and prints a table (or, with --json,
// one JSON object per figure: name, unit, p50, p99). Suites live beside this file, one module each.
import { parseArgs } from 'node:util';
import { meets, type Figure } from './measure.js';
import { suites } from './suites.js';

const { values } = parseArgs({ options: { json: { type: 'boolean' }, only: { type: 'string' } } });

function format(value: number): string {
    if (!Number.isFinite(value)) return String(value);
    return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 1 ? value.toFixed(2) : value.toFixed(3);
}

const figures: Figure[] = [];
for (const suite of suites) {
    if (values.only && !suite.name.includes(values.only)) continue;
    if (!values.json) process.stderr.write(`running ${suite.name}…\n`);
    for (const f of await suite.run()) {
        figures.push(f);
        if (values.json)
            process.stdout.write(
                JSON.stringify({
                    name: f.name,
                    unit: f.unit,
                    p50: f.p50,
                    p99: f.p99,
                    samples: f.samples,
                    target: f.target ?? null,
                    met: meets(f) ?? null,
                }) + '\n',
            );
    }
}

if (!values.json) {
    const rows = figures.map((f) => {
        const verdict = meets(f);
        const target = f.target
            ? `${f.target.on === 'p99' ? 'p99 ' : ''}` +
              `${f.target.max !== undefined ? `≤ ${f.target.max}` : `≥ ${f.target.min}`}`
            : '';
        return [
            f.name,
            f.unit,
            format(f.p50),
            f.samples > 1 ? format(f.p99) : '',
            target,
            verdict === undefined ? '' : verdict ? 'yes' : 'NO',
        ];
    });
    const header = ['figure', 'unit', 'p50', 'p99', 'target (p50 unless said)', 'met'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) =>
        cells.map((c, i) => (i >= 2 && i <= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
    process.stdout.write(
        `${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`,
    );
}
