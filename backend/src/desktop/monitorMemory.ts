// The monitor size for a backend without the Shell (the lone CLI, or `serve` before the extension's initialize):
// the one the extension last sent, kept in the database's state table, else GNOME's monitors.xml. With it the
// too-small filter and the fill modes work as they do under the extension.
import type { Db } from '../db/database.js';
import type { ConfigJson } from '../protocol/messages.js';
import { monitorFromMonitorsXml, type Size } from './monitorsXml.js';

const KEY = 'desktop.monitor';

export function rememberMonitor(db: Db, size: Size): void {
    db.prepare(
        `INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    ).run(KEY, JSON.stringify({ width: size.width, height: size.height }));
}

export function rememberedMonitor(db: Db): Size | null {
    const row = db.prepare(`SELECT value FROM state WHERE key = ?`).get(KEY) as { value: string } | undefined;
    if (!row) return null;
    try {
        const { width, height } = JSON.parse(row.value) as Size;
        return Number.isFinite(width) && Number.isFinite(height) && width > 0 && height > 0 ? { width, height } : null;
    } catch {
        return null;
    }
}

/** `config` with a monitor size when it names none: the one remembered, else monitors.xml's. */
export function withKnownMonitor(config: ConfigJson, db: Db, env: NodeJS.ProcessEnv = process.env): ConfigJson {
    if (config.desktop?.monitor) return config;
    const monitor = rememberedMonitor(db) ?? monitorFromMonitorsXml(env);
    return monitor ? { ...config, desktop: { ...config.desktop, monitor } } : config;
}
