// Cases for the BUILT line reader and writer the backend client talks through (dist/extension/lib/lineStream.js)
// under gjs, over real pipes and GIO memory streams. Run by tests/extension/lib/lineStream.test.ts.
import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import { LineWriter, readLines } from '../../dist/extension/lib/lineStream.js';
import { cases, check, waitFor, within } from './harness.js';

const bytesOf = (text) => new TextEncoder().encode(text);

/** Reads `stream` to its end with readLines; resolves with what each callback saw. */
function readAll(stream, maxLineBytes = 1024, cancellable = new Gio.Cancellable()) {
    return new Promise((resolve) => {
        const seen = { lines: [], overlong: [], ends: [] };
        readLines(stream, {
            maxLineBytes,
            cancellable,
            onLine: (line) => seen.lines.push(line),
            onOverlong: (bytes) => seen.overlong.push(bytes),
            onEnd: (error) => {
                seen.ends.push(error);
                resolve(seen);
            },
        });
    });
}

const memory = (bytes) => Gio.MemoryInputStream.new_from_bytes(new GLib.Bytes(bytes));

/** Real pipes through `cat`: [what it prints, what it reads], as the backend client's pipes are. */
function pipe() {
    const cat = Gio.Subprocess.new(['cat'], Gio.SubprocessFlags.STDIN_PIPE | Gio.SubprocessFlags.STDOUT_PIPE);
    return [cat.get_stdout_pipe(), cat.get_stdin_pipe()];
}

cases({
    'lines-in-order': async () => {
        const seen = await readAll(memory(bytesOf('one\ntwo\nthree\n')));
        check(JSON.stringify(seen.lines) === '["one","two","three"]', `lines ${JSON.stringify(seen.lines)}`);
    },
    'last-line-without-newline': async () => {
        const seen = await readAll(memory(bytesOf('one\nlast')));
        check(JSON.stringify(seen.lines) === '["one","last"]', `lines ${JSON.stringify(seen.lines)}`);
    },
    'end-reported-once-without-error': async () => {
        const seen = await readAll(memory(bytesOf('a\n')));
        check(seen.ends.length === 1 && seen.ends[0] === null, `ends ${JSON.stringify(seen.ends)}`);
    },
    'overlong-line-dropped-and-reported': async () => {
        const seen = await readAll(memory(bytesOf(`short\n${'x'.repeat(50)}\nafter\n`)), 20);
        check(JSON.stringify(seen.lines) === '["short","after"]', `lines ${JSON.stringify(seen.lines)}`);
        check(JSON.stringify(seen.overlong) === '[50]', `overlong ${JSON.stringify(seen.overlong)}`);
    },
    'bad-utf8-replaced': async () => {
        const seen = await readAll(memory(new Uint8Array([0x61, 0xff, 0x62, 0x0a, 0xc3, 0xa9, 0x0a])));
        check(seen.lines[0] === 'a\uFFFDb' && seen.lines[1] === 'é', `lines ${JSON.stringify(seen.lines)}`);
    },
    'cancelled-reading-ends-quietly': async () => {
        const [input, output] = pipe();
        const cancellable = new Gio.Cancellable();
        const seen = { lines: [], ends: [] };
        readLines(input, {
            maxLineBytes: 1024,
            cancellable,
            onLine: (l) => seen.lines.push(l),
            onEnd: (e) => seen.ends.push(e),
        });
        const writer = new LineWriter(output, new Gio.Cancellable());
        await writer.write('before');
        await waitFor(() => seen.lines.length === 1, 5000, 'the first line');
        cancellable.cancel();
        await writer.write('after');
        await writer.close();
        // A fresh read of another stream to its end: the cancelled one had its chance to misbehave meanwhile.
        await readAll(memory(bytesOf('x\n')));
        check(seen.ends.length === 0 && seen.lines.length === 1, `after cancel: ${JSON.stringify(seen)}`);
    },
    'writer-lines-whole-and-in-order': async () => {
        const output = Gio.MemoryOutputStream.new_resizable();
        const writer = new LineWriter(output, new Gio.Cancellable());
        await Promise.all(['{"id":1}', '{"id":2}', 'é'].map((line) => writer.write(line)));
        await writer.close();
        const text = new TextDecoder().decode(output.steal_as_bytes().toArray());
        check(text === '{"id":1}\n{"id":2}\né\n', `written ${JSON.stringify(text)}`);
    },
    'long-line-read-from-a-pipe': async () => {
        // Far more than a pipe holds at once, from another process: it arrives whole.
        const writer = Gio.Subprocess.new(
            ['node', '-e', "process.stdout.write('y'.repeat(300000) + '\\nnext\\n')"],
            Gio.SubprocessFlags.STDOUT_PIPE,
        );
        const seen = await within(readAll(writer.get_stdout_pipe(), 1_000_000), 20_000, 'reading the pipe');
        check(
            seen.lines.length === 2 && seen.lines[0].length === 300_000 && seen.lines[1] === 'next',
            `read ${seen.lines.map((l) => l.length)}`,
        );
    },
    'close-gives-the-reader-end-of-file': async () => {
        const [input, output] = pipe();
        const reading = readAll(input);
        const writer = new LineWriter(output, new Gio.Cancellable());
        writer.write('last words');
        await writer.close();
        const seen = await within(reading, 5000, 'end of file');
        check(seen.lines.join() === 'last words' && seen.ends[0] === null, `read ${JSON.stringify(seen)}`);
    },
    'write-after-close-fails': async () => {
        const writer = new LineWriter(Gio.MemoryOutputStream.new_resizable(), new Gio.Cancellable());
        await writer.close();
        let error = null;
        await writer.write('late').catch((e) => (error = e));
        check(error !== null, 'a write after close succeeded');
    },
});
