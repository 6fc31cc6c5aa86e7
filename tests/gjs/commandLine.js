// The BUILT command-line helpers of the preferences' post-change commands (dist/extension/lib/commandLine.js):
// a typed line becomes an argv list with GLib's parser (nothing expanded, nothing run), and back.
// Run by tests/extension/lib/commandLine.test.ts.
import { formatCommandLine, parseCommandLine } from '../../dist/extension/lib/commandLine.js';
import { check, ok, run } from './harness.js';

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

run(async () => {
    const cases = [
        ['notify-send "New wallpaper" {path}', ['notify-send', 'New wallpaper', '{path}']],
        ["sh -c 'echo $1 > ~/accent' sh {accentName}", ['sh', '-c', 'echo $1 > ~/accent', 'sh', '{accentName}']],
        ['cp {path} ~/wall.jpg; rm -rf /', ['cp', '{path}', '~/wall.jpg;', 'rm', '-rf', '/']],
        ['a\\ b   "c\'d"', ['a b', "c'd"]],
    ];
    for (const [line, argv] of cases) {
        const parsed = parseCommandLine(line);
        check('argv' in parsed && same(parsed.argv, argv), `${line} → ${JSON.stringify(parsed)}`);
    }
    ok('parses-without-a-shell');

    for (const line of ['notify-send "unclosed', "echo 'unclosed", '']) {
        const parsed = parseCommandLine(line);
        check('error' in parsed && parsed.error.length > 0, `${JSON.stringify(line)} gave ${JSON.stringify(parsed)}`);
    }
    ok('bad-quoting-is-an-error');

    for (const argv of [
        ['notify-send', 'New wallpaper', '{path}'],
        ['x', "it's", '', 'a"b', '$HOME', '~', 'tab\there', '{uri}'],
    ]) {
        const line = formatCommandLine(argv);
        const back = parseCommandLine(line);
        check('argv' in back && same(back.argv, argv), `${JSON.stringify(argv)} → ${line} → ${JSON.stringify(back)}`);
    }
    check(
        formatCommandLine(['notify-send', 'New wallpaper', '{path}']) === "notify-send 'New wallpaper' {path}",
        'plain words are quoted',
    );
    ok('formats-round-trip');
});
