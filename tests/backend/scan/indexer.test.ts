import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../backend/src/db/database.js';
import { ImageStore } from '../../../backend/src/db/images.js';
import { SourceStore } from '../../../backend/src/db/sources.js';
import { indexFolder } from '../../../backend/src/scan/indexer.js';
import { makeSandbox, type Sandbox } from '../../helpers/sandbox.js';

let sandbox: Sandbox;
let db: Db;
beforeEach(() => {
    sandbox = makeSandbox();
    db = openDatabase(sandbox.dataDir);
});
afterEach(() => {
    db.close();
    sandbox.cleanup();
});

function rowFor(path: string) {
    return new ImageStore(db).byPath(path);
}

describe('indexFolder', () => {
    it('records size, format and header dimensions of each supported format, recursively', async () => {
        const folder = sandbox.folder('walls');
        mkdirSync(join(folder, 'nested/deeper'), { recursive: true });
        const base = () => sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } });
        await base().jpeg().toFile(join(folder, 'a.jpg'));
        await base().png().toFile(join(folder, 'nested/b.PNG'));
        await base().webp().toFile(join(folder, 'nested/deeper/c.webp'));
        await base().tiff().toFile(join(folder, 'd.tiff'));
        await base().gif().toFile(join(folder, 'e.gif'));
        await base().avif().toFile(join(folder, 'f.avif'));
        const scan = await indexFolder(db, folder);
        expect(scan).toMatchObject({ added: 6, skipped: 0, total: 6, problems: [] });
        expect(rowFor(join(folder, 'nested/deeper/c.webp'))).toMatchObject({
            width: 40,
            height: 30,
            format: 'webp',
            skip_reason: null,
        });
        expect(rowFor(join(folder, 'f.avif'))).toMatchObject({ format: 'avif', skip_reason: null });
    });

    it('keeps files it cannot show, with the reason, out of selection', async () => {
        const folder = sandbox.folder('walls');
        const frame = (hex: string) =>
            sharp({ create: { width: 20, height: 20, channels: 4, background: hex } })
                .png()
                .toBuffer();
        const frames = [await frame('#ff0000'), await frame('#00ff00'), await frame('#0000ff')];
        await sharp(frames, { join: { animated: true } })
            .gif({ loop: 0, delay: [100, 100, 100] })
            .toFile(join(folder, 'animated.gif'));
        writeFileSync(join(folder, 'notes.xml'), '<?xml version="1.0"?><notes><note>not a picture</note></notes>');
        writeFileSync(join(folder, 'broken.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0x00]));
        writeFileSync(join(folder, 'empty.png'), '');
        expect(await indexFolder(db, folder)).toMatchObject({ added: 4, skipped: 4, total: 0 });
        expect(rowFor(join(folder, 'animated.gif'))?.skip_reason).toBe('animated GIFs are not supported');
        expect(rowFor(join(folder, 'notes.xml'))?.skip_reason).toBe(
            'not a GNOME background (<notes>, not <background>)',
        );
        expect(rowFor(join(folder, 'broken.jpg'))?.skip_reason).toMatch(/^not a readable image/);
        expect(rowFor(join(folder, 'empty.png'))?.skip_reason).toMatch(/^not a readable image/);
    });

    it('ends on a symbolic link loop and indexes each file once', async () => {
        const folder = sandbox.folder('walls');
        await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
            .png()
            .toFile(join(folder, 'x.png'));
        mkdirSync(join(folder, 'sub'));
        symlinkSync(folder, join(folder, 'sub/loop'));
        symlinkSync(join(folder, 'missing'), join(folder, 'dangling.png'));
        const scan = await indexFolder(db, folder);
        expect(scan).toMatchObject({ added: 1, total: 1, problems: [] });
    });

    it('refuses a folder that does not exist, naming it', async () => {
        await expect(indexFolder(db, join(sandbox.dir, 'gone'))).rejects.toThrow(
            `folder not found: ${join(sandbox.dir, 'gone')}`,
        );
        const file = join(sandbox.dir, 'file.png');
        writeFileSync(file, '');
        await expect(indexFolder(db, file)).rejects.toThrow(`not a folder: ${file}`);
    });

    it('keeps favourite and show counts of a file that changed in place', async () => {
        const folder = sandbox.folder('walls');
        const path = join(folder, 'a.png');
        await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } })
            .png()
            .toFile(path);
        await indexFolder(db, folder);
        db.prepare(`UPDATE images SET favourite = 1, times_shown = 4, content_hash = 'old' WHERE path = ?`).run(path);
        await sharp({ create: { width: 30, height: 20, channels: 3, background: '#000' } })
            .png()
            .toFile(path);
        expect(await indexFolder(db, folder)).toMatchObject({ changed: 1 });
        expect(rowFor(path)).toMatchObject({ favourite: 1, times_shown: 4, width: 30, height: 20 });
        // The old content's hash is gone; a favourite gets the new content's at once, so a later move keeps it.
        expect(rowFor(path)!.content_hash).toMatch(/^[0-9a-f]{64}$/);
        expect(new SourceStore(db).byLocation(folder)?.last_scan_at).toBeGreaterThan(0);
    });
});
