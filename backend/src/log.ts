// One line per message on stderr: the Shell journal is shared, so only warnings and errors by default.
// CHAMELEON_LOG=debug|info|warn|error changes the threshold.

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;

function threshold(): number {
    const wanted = process.env.CHAMELEON_LOG as Level | undefined;
    return wanted && wanted in LEVELS ? LEVELS[wanted] : LEVELS.warn;
}

function write(level: Level, message: string): void {
    if (LEVELS[level] < threshold()) return;
    // Newlines inside a message would break "one line each" for journal readers.
    process.stderr.write(`chameleon ${level}: ${message.replace(/\s*\n\s*/g, ' | ')}\n`);
}

export const log = {
    debug: (message: string) => write('debug', message),
    info: (message: string) => write('info', message),
    warn: (message: string) => write('warn', message),
    error: (message: string) => write('error', message),
};
