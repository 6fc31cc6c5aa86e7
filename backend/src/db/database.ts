import Database from 'better-sqlite3';
import {
    accessSync,
    chmodSync,
    constants,
    copyFileSync,
    existsSync,
    mkdirSync,
    renameSync,
    rmSync,
    statSync,
} from 'node:fs';
import { join } from 'node:path';
import { log } from '../log.js';
import { MIGRATIONS } from './migrations.js';
import { explainLoadError, InstallationError, nativeBinding } from './nativeBinding.js';

export type Db = Database.Database;

const FILE = 'chameleon.db';
const BACKUP = 'chameleon.db.backup';
const BACKUP_EVERY_MS = 24 * 3600_000;

/** Where the database of a data folder lives. */
export const databaseFile = (dataDir: string): string => join(dataDir, FILE);

/** The database cannot be used; the message says what the user can do. */
export class DatabaseError extends Error {
    override name = 'DatabaseError';
}

function isCorruption(error: unknown): boolean {
    const code = (error as { code?: string }).code ?? '';
    return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
}

function writable(path: string): boolean {
    try {
        accessSync(path, constants.W_OK);
        return true;
    } catch {
        return false;
    }
}

/** The message for a database file we may not write, naming the file. */
export function readOnlyMessage(file: string): string {
    return `the database ${file} is read-only; make it writable (chmod u+w) and try again`;
}

/**
 * SQLite makes its -wal and -shm files with the database's permissions. Opened once while the database was
 * read-only, they stay read-only after the user fixes the database, and keep it broken: give our own the
 * database's permissions back. Anything still not writable is named.
 */
function checkWritable(file: string): void {
    if (!existsSync(file)) return;
    if (!writable(file)) throw new DatabaseError(readOnlyMessage(file));
    const { mode } = statSync(file);
    for (const sidecar of [`${file}-wal`, `${file}-shm`]) {
        if (!existsSync(sidecar) || writable(sidecar)) continue;
        if (statSync(sidecar).uid === process.getuid?.()) chmodSync(sidecar, mode & 0o666);
        if (!writable(sidecar)) throw new DatabaseError(readOnlyMessage(sidecar));
    }
}

/** Prepared statements kept per connection; a few SQL texts are built with lists of varying length. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Makes `db.prepare` reuse statements: the stores prepare their SQL on every call, and compiling it again each
 * time was most of the cost of, say, a hundred-entry history list (a stall of the event loop). A statement
 * still being iterated is not shared, and a reused one starts in its default (object rows) mode.
 */
function cacheStatements(db: Db): void {
    const prepare = db.prepare.bind(db);
    const cache = new Map<string, Database.Statement>();
    db.prepare = ((sql: string) => {
        const cached = cache.get(sql);
        if (cached && !cached.busy) {
            if (cached.reader) cached.raw(false);
            return cached;
        }
        const statement = prepare(sql);
        if (cached) return statement;
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
        cache.set(sql, statement);
        return statement;
    }) as Db['prepare'];
}

function open(file: string): Db {
    checkWritable(file);
    let db: Db;
    try {
        db = new Database(file, { nativeBinding: nativeBinding() });
    } catch (error) {
        throw explainLoadError(error);
    }
    cacheStatements(db);
    try {
        // WAL lets the CLI read while the backend writes, and a crash mid-write loses at most the open transaction.
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
        migrate(db);
        return db;
    } catch (error) {
        db.close();
        throw error;
    }
}

/**
 * Opens (creating if needed) `chameleon.db` in dataDir and brings its schema up to date. A damaged database is
 * not a crash loop: it is moved aside (kept for the user), the last daily backup takes its place when there is a
 * sound one, else a new database starts and the index is rebuilt from the folders on first use.
 */
export function openDatabase(dataDir: string): Db {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const file = join(dataDir, FILE);
    try {
        return open(file);
    } catch (error) {
        if (isCorruption(error)) return recover(dataDir, error as Error);
        if ((error as { code?: string }).code === 'SQLITE_BUSY') {
            throw new DatabaseError(
                `the database ${file} is locked by another program; close it (or wait for it) and try again`,
            );
        }
        if (error instanceof DatabaseError || error instanceof InstallationError) throw error;
        if (String((error as { code?: unknown }).code).startsWith('SQLITE_READONLY'))
            throw new DatabaseError(readOnlyMessage(file));
        throw new DatabaseError(`cannot open the database ${file}: ${(error as Error).message}`);
    }
}

function recover(dataDir: string, cause: Error): Db {
    const file = join(dataDir, FILE);
    const aside = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(file, aside);
    for (const suffix of ['-wal', '-shm']) {
        if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    }
    const backup = join(dataDir, BACKUP);
    if (existsSync(backup)) {
        try {
            copyFileSync(backup, file);
            const db = open(file);
            if (db.pragma('integrity_check', { simple: true }) === 'ok') {
                log.error(
                    `the database was damaged (${cause.message}); kept it as ${aside} and restored the ` +
                        `backup of ${statSync(backup).mtime.toISOString()}`,
                );
                return db;
            }
            db.close();
        } catch {
            // The backup is no better; fall through to a new database.
        }
        rmSync(file, { force: true });
    }
    log.error(
        `the database was damaged (${cause.message}); kept it as ${aside} and started a new one — ` +
            `wallpapers are re-indexed from your folders`,
    );
    return open(file);
}

/** Copies the database to `chameleon.db.backup` when the last copy is more than a day old (online, atomic). */
export async function backUpIfDue(db: Db, dataDir: string, now = Date.now()): Promise<boolean> {
    const backup = join(dataDir, BACKUP);
    if (existsSync(backup) && now - statSync(backup).mtimeMs < BACKUP_EVERY_MS) return false;
    const partial = `${backup}.partial`;
    await db.backup(partial);
    renameSync(partial, backup);
    return true;
}

function migrate(db: Db): void {
    const newer = (current: number) =>
        new InstallationError(
            `the database was written by a newer Chameleon (schema ${current}, this one knows ` +
                `${MIGRATIONS.length}); update Chameleon`,
        );
    const seen = db.pragma('user_version', { simple: true }) as number;
    if (seen > MIGRATIONS.length) throw newer(seen);
    if (seen === MIGRATIONS.length) return;
    // The version is read again inside each write transaction (IMMEDIATE: the write lock is taken first), so
    // processes opening a new database at the same moment apply each step once, one after the other.
    for (;;) {
        const applied = db
            .transaction(() => {
                const current = db.pragma('user_version', { simple: true }) as number;
                if (current > MIGRATIONS.length) throw newer(current);
                if (current === MIGRATIONS.length) return false;
                db.exec(MIGRATIONS[current]!);
                db.pragma(`user_version = ${current + 1}`);
                return true;
            })
            .immediate();
        if (!applied) return;
    }
}
