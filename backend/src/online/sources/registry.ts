import type { OnlineSourceKind } from '../../protocol/messages.js';
import type { OnlineSource } from '../candidate.js';
import { apod } from './apod.js';
import { artstation } from './artstation.js';
import { bing } from './bing.js';
import { earthview } from './earthview.js';
import { jsonFeed, rssFeed } from './feed.js';
import { flickr } from './flickr.js';
import { reddit } from './reddit.js';
import { staticUrl } from './staticUrl.js';
import { unsplash } from './unsplash.js';
import { wallhaven } from './wallhaven.js';

/** Every kind of online source, one module each. */
export const SOURCES: Record<OnlineSourceKind, OnlineSource<never>> = {
    wallhaven: wallhaven as OnlineSource<never>,
    unsplash: unsplash as OnlineSource<never>,
    bing: bing as OnlineSource<never>,
    apod: apod as OnlineSource<never>,
    reddit: reddit as OnlineSource<never>,
    earthview: earthview as OnlineSource<never>,
    flickr: flickr as OnlineSource<never>,
    artstation: artstation as OnlineSource<never>,
    url: staticUrl as OnlineSource<never>,
    json: jsonFeed as OnlineSource<never>,
    rss: rssFeed as OnlineSource<never>,
};
