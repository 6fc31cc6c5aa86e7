// The options of online sources that take one of a fixed set of values, each list beginning with the value used
// when none is set. The backend checks options against them and the preferences offer them, in this order.
export const ONLINE_CHOICES = {
    wallhaven: {
        sorting: ['toplist', 'date_added', 'relevance', 'random', 'views', 'favorites'],
        topRange: ['1M', '1d', '3d', '1w', '3M', '6M', '1y'],
    },
    unsplash: { orientation: ['landscape', 'portrait', 'squarish'] },
    reddit: {
        sort: ['top', 'hot', 'new', 'rising'],
        time: ['week', 'hour', 'day', 'month', 'year', 'all'],
    },
    artstation: { sorting: ['trending', 'latest', 'popular'] },
} as const;
