// Post-change commands are stored as argv lists (`post-change-commands`, type aas) and edited as one line each.
// The line is split with GLib's shell-style parser, which only parses quotes and backslashes: nothing is expanded
// and no shell ever runs the command.
import { GLib } from './gi.js';

/** The argv a typed command line stands for, or why it cannot be split (e.g. an unmatched quote). */
export function parseCommandLine(line: string): { argv: string[] } | { error: string } {
    try {
        const [, argv] = GLib.shell_parse_argv(line);
        return { argv: argv ?? [] };
    } catch (e) {
        return { error: (e as Error).message };
    }
}

// Words made only of these need no quotes; `{path}` and friends stay readable.
const PLAIN_WORD = /^[\w@%+=:,./{}-]+$/;

/** A line that `parseCommandLine` splits back into exactly `argv`, quoting only the words that need it. */
export function formatCommandLine(argv: readonly string[]): string {
    return argv.map((word) => (PLAIN_WORD.test(word) ? word : GLib.shell_quote(word))).join(' ');
}
