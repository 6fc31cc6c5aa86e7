// The dark-style picture and the lock screen reach whichever desktop setter is in use: the extension (when it
// is the desktop) gets them in `desktop.apply`, with the accent; a user script has no place for them.
import { describe, expect, it } from 'vitest';
import { ClientDesktop } from '../../../backend/src/desktop/clientDesktop.js';
import type { ClientMethods } from '../../../backend/src/protocol/messages.js';
import type { Peer } from '../../../backend/src/server/peer.js';

function recordingPeer(): { peer: Peer; sent: ClientMethods['desktop.apply'][0][] } {
    const sent: ClientMethods['desktop.apply'][0][] = [];
    const peer: Peer = {
        request: (_method, params) => {
            sent.push(params);
            return Promise.resolve({ ok: true as const });
        },
        closed: new Promise(() => undefined),
    };
    return { peer, sent };
}

describe('ClientDesktop with theme extras', () => {
    it('passes the same picture for both styles by default, and no lock screen', async () => {
        const { peer, sent } = recordingPeer();
        await new ClientDesktop(peer).set('/w/a.jpg', 'file:///w/a.jpg', 'next');
        expect(sent).toEqual([
            { wallpaper: { path: '/w/a.jpg', uri: 'file:///w/a.jpg', darkUri: 'file:///w/a.jpg', options: 'zoom' } },
        ]);
    });

    it('passes the darker picture and the lock screen when asked', async () => {
        const { peer, sent } = recordingPeer();
        await new ClientDesktop(peer).set('/w/a.jpg', 'file:///w/a.jpg', 'next', { darkUri: 'file:///w/night.png' });
        expect(sent).toEqual([
            {
                wallpaper: {
                    path: '/w/a.jpg',
                    uri: 'file:///w/a.jpg',
                    darkUri: 'file:///w/night.png',
                    options: 'zoom',
                },
            },
        ]);
    });

    it('sends the accent with the picture, and alone only when it differs or the user asked for it back', async () => {
        const { peer, sent } = recordingPeer();
        const desktop = new ClientDesktop(peer);
        await desktop.set('/w/a.jpg', 'file:///w/a.jpg', 'next', { accent: 'teal' });
        await desktop.applyAccent('teal');
        await desktop.applyAccent('orange');
        await desktop.applyAccent('orange', true);
        expect(sent).toEqual([
            {
                wallpaper: { path: '/w/a.jpg', uri: 'file:///w/a.jpg', darkUri: 'file:///w/a.jpg', options: 'zoom' },
                accent: 'teal',
            },
            { accent: 'orange' },
            { accent: 'orange' },
        ]);
    });
});
