// Sits between the extension and the backend as the backend command, passing every byte through unchanged, and
// appends each protocol line to LOG as one JSON object { to: 'backend' | 'extension', message }, so that a test
// can count what really crosses the pipes. ARGV: LOG, then the backend's argv.
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const [log, program, ...args] = process.argv.slice(2);
const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'inherit'] });

function record(to, line) {
    let message;
    try {
        message = JSON.parse(line);
    } catch {
        message = { unparsed: line.slice(0, 200) };
    }
    appendFileSync(log, `${JSON.stringify({ to, message })}\n`);
}

process.stdin.pipe(child.stdin);
child.stdout.pipe(process.stdout);
createInterface({ input: process.stdin }).on('line', (line) => record('backend', line));
createInterface({ input: child.stdout }).on('line', (line) => record('extension', line));
child.stdin.on('error', () => {});
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
