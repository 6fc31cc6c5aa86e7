// The selection index saved beside the database, so a start does not read a million rows again: one file, a JSON
// header then the typed arrays as they are in memory, each 8-byte aligned, read back as views of one buffer. It
// is used only while the database's selection generation (migration 6) still has the value it was saved with:
// any change to an image's facts, any image added or removed, makes the next start read the table again.
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { log } from '../log.js';

const MAGIC = 'chameleon-selection-index';
const FORMAT = 2;

export interface SnapshotArrays {
    ids: Uint32Array;
    width: Uint32Array;
    height: Uint32Array;
    flags: Uint8Array;
    addedAt: Float64Array;
    lastShown: Float64Array;
    lightness: Float32Array;
    temperature: Float32Array;
    saturation: Float32Array;
    hue: Float32Array;
    chroma: Float32Array;
    /** Base weights under the settings named by settingsKey. */
    base: Float64Array;
    /** Time-of-day factors of the preset named by timePreset (empty when none). */
    time: Float32Array;
    /** Every slot's tree value, weighted for valuesPreset (empty when some image was cooling at the save). */
    values: Float64Array;
}

export interface IndexSnapshot {
    generation: number;
    /** The token written into the database with this save. */
    epoch: string;
    /** The folders the index covered (ids and locations), in the index's key form. */
    sourcesKey: string;
    settingsKey: string;
    /** When the base weights were computed (new-image boosts that ended since must be redone). */
    baseAt: number;
    /** The newest show the arrays know of: shows after it are read from the database at start. */
    shownUpTo: number | null;
    timePreset: string | null;
    valuesPreset: string | null;
    sources: { id: number; count: number; lastShownAt: number | null }[];
    arrays: SnapshotArrays;
}

type ArrayName = keyof SnapshotArrays;
const LAYOUT: {
    name: ArrayName;
    type: Uint32ArrayConstructor | Uint8ArrayConstructor | Float64ArrayConstructor | Float32ArrayConstructor;
}[] = [
    { name: 'ids', type: Uint32Array },
    { name: 'width', type: Uint32Array },
    { name: 'height', type: Uint32Array },
    { name: 'flags', type: Uint8Array },
    { name: 'addedAt', type: Float64Array },
    { name: 'lastShown', type: Float64Array },
    { name: 'lightness', type: Float32Array },
    { name: 'temperature', type: Float32Array },
    { name: 'saturation', type: Float32Array },
    { name: 'hue', type: Float32Array },
    { name: 'chroma', type: Float32Array },
    { name: 'base', type: Float64Array },
    { name: 'time', type: Float32Array },
    { name: 'values', type: Float64Array },
];

const align = (n: number) => Math.ceil(n / 8) * 8;

interface Header extends Omit<IndexSnapshot, 'arrays'> {
    magic: string;
    format: number;
    n: number;
    /** Elements in the time and values arrays: n, or 0 when not saved. */
    timeLength: number;
    valuesLength: number;
}

/** Writes the snapshot atomically (a temporary file renamed over the old one). Failing to save is not an error. */
export function writeIndexSnapshot(path: string, snapshot: IndexSnapshot): void {
    const { arrays, ...rest } = snapshot;
    const n = arrays.ids.length;
    const header: Header = {
        magic: MAGIC,
        format: FORMAT,
        n,
        timeLength: arrays.time.length,
        valuesLength: arrays.values.length,
        ...rest,
    };
    const headerBytes = Buffer.from(JSON.stringify(header));
    const prefix = Buffer.alloc(align(8 + headerBytes.length));
    prefix.writeUInt32LE(headerBytes.length, 0);
    headerBytes.copy(prefix, 8);
    const temporary = `${path}.${process.pid}.part`;
    try {
        const fd = openSync(temporary, 'w', 0o600);
        try {
            writeSync(fd, prefix);
            for (const { name } of LAYOUT) {
                const array = arrays[name];
                const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
                writeSync(fd, bytes);
                const pad = align(bytes.length) - bytes.length;
                if (pad > 0) writeSync(fd, Buffer.alloc(pad));
            }
        } finally {
            closeSync(fd);
        }
        renameSync(temporary, path);
    } catch (error) {
        rmSync(temporary, { force: true });
        log.warn(`could not save the selection index to ${path}: ${(error as Error).message}`);
    }
}

/** The snapshot at `path` if it is there, whole, and of this format; null otherwise (the caller reads the table). */
export function readIndexSnapshot(path: string): IndexSnapshot | null {
    let file: Buffer;
    try {
        file = readFileSync(path);
    } catch {
        return null;
    }
    try {
        // Typed array views need their element alignment; a small file may sit at any offset of Node's pool.
        if (file.byteOffset % 8 !== 0) file = Buffer.from(file);
        const headerLength = file.readUInt32LE(0);
        const header = JSON.parse(file.subarray(8, 8 + headerLength).toString('utf8')) as Header;
        if (header.magic !== MAGIC || header.format !== FORMAT) return null;
        let offset = align(8 + headerLength);
        const arrays = {} as Record<ArrayName, SnapshotArrays[ArrayName]>;
        for (const { name, type } of LAYOUT) {
            const length = name === 'time' ? header.timeLength : name === 'values' ? header.valuesLength : header.n;
            if (length !== 0 && length !== header.n) return null;
            const byteLength = length * type.BYTES_PER_ELEMENT;
            if (offset + byteLength > file.length) return null;
            arrays[name] = new type(file.buffer as ArrayBuffer, file.byteOffset + offset, length);
            offset += align(byteLength);
        }
        if (offset !== file.length) return null;
        const {
            magic: _magic,
            format: _format,
            n: _n,
            timeLength: _timeLength,
            valuesLength: _valuesLength,
            ...rest
        } = header;
        return { ...rest, arrays: arrays as unknown as SnapshotArrays };
    } catch {
        return null;
    }
}
