// Netpbm pixel maps (P5 grey, P6 RGB) as djxl writes them: the one uncompressed format every djxl version writes,
// so a JPEG XL picture reaches sharp without a PNG encode and decode in between (seconds for a 4K picture).
// Pure: no I/O.

export interface RawPixels {
    /** Interleaved 8-bit samples. */
    data: Buffer;
    width: number;
    height: number;
    channels: 1 | 3;
}

/** The next header token (number) after `at`, skipping whitespace and `#` comments. */
function token(bytes: Buffer, at: number): { value: number; end: number } {
    let i = at;
    for (;;) {
        while (i < bytes.length && /\s/.test(String.fromCharCode(bytes[i]!))) i++;
        if (bytes[i] !== 0x23) break;
        while (i < bytes.length && bytes[i] !== 0x0a) i++;
    }
    const start = i;
    while (i < bytes.length && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) i++;
    if (i === start) throw new Error('not a valid pixel map header');
    return { value: Number(bytes.subarray(start, i).toString('ascii')), end: i };
}

/** Parses a binary PGM/PPM; 16-bit samples (big-endian, maxval > 255) are reduced to their high byte. */
export function parsePnm(bytes: Buffer): RawPixels {
    const magic = bytes.subarray(0, 2).toString('ascii');
    if (magic !== 'P5' && magic !== 'P6')
        throw new Error(`not a binary PGM/PPM (starts with ${JSON.stringify(magic)})`);
    const channels = magic === 'P5' ? 1 : 3;
    const width = token(bytes, 2);
    const height = token(bytes, width.end);
    const maxval = token(bytes, height.end);
    // Exactly one whitespace byte separates the header from the samples.
    const start = maxval.end + 1;
    const samples = width.value * height.value * channels;
    const wide = maxval.value > 255;
    if (width.value <= 0 || height.value <= 0 || maxval.value <= 0 || maxval.value > 65535)
        throw new Error('not a valid pixel map header');
    if (bytes.length - start < samples * (wide ? 2 : 1)) throw new Error('pixel map is shorter than its header says');
    let data: Buffer;
    if (!wide && maxval.value === 255) {
        data = bytes.subarray(start, start + samples);
    } else {
        data = Buffer.allocUnsafe(samples);
        const scale = 255 / maxval.value;
        for (let i = 0; i < samples; i++) {
            const v = wide ? (bytes[start + 2 * i]! << 8) | bytes[start + 2 * i + 1]! : bytes[start + i]!;
            data[i] = Math.round(v * scale);
        }
    }
    return { data, width: width.value, height: height.value, channels };
}
