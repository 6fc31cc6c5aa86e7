import type { IndexProgressJson } from '../protocol/messages.js';

const WIDTH = 30;
const LABELS: Record<IndexProgressJson['phase'], string> = {
    scan: 'Reading image headers',
    palettes: 'Analysing colours',
};

/**
 * A one-line progress bar on a terminal's stderr (nothing when stderr is not a terminal: logs and pipes stay
 * clean). `done()` clears the line.
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): {
    update(progress: IndexProgressJson): void;
    done(): void;
} {
    let shown = false;
    const format = new Intl.NumberFormat();
    return {
        update({ phase, done, total }) {
            if (!stream.isTTY || total === 0) return;
            const filled = Math.round((WIDTH * done) / total);
            stream.write(
                `\r[${'#'.repeat(filled)}${' '.repeat(WIDTH - filled)}] ${format.format(done)} / ` +
                    `${format.format(total)} ${LABELS[phase]}\x1b[K`,
            );
            shown = true;
        },
        done() {
            if (shown) stream.write('\r\x1b[K');
            shown = false;
        },
    };
}
