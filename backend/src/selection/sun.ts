// Sunrise and sunset from latitude and longitude alone (no network), with the sunrise equation in the form NOAA's
// solar calculator simplifies to: mean anomaly, equation of centre, ecliptic longitude, solar transit, declination,
// hour angle at −0.833° (refraction and the sun's radius). Good to a minute or two away from the poles, which is
// plenty for choosing between a day and a night wallpaper.

const RAD = Math.PI / 180;
const J2000 = 2451545;
const DAY_MS = 86_400_000;
const UNIX_EPOCH_JD = 2440587.5;

export interface SunTimes {
    /** null when the sun does not rise or set that day (polar day or night). */
    sunrise: Date | null;
    sunset: Date | null;
    /** 'day' or 'night' for the whole day above the polar circles; null elsewhere. */
    polar: 'day' | 'night' | null;
}

/** Sunrise and sunset of the UTC calendar day containing `date`, at latitude/longitude in degrees (east positive). */
export function sunTimes(date: Date, latitude: number, longitude: number): SunTimes {
    const julianDay = Math.floor(date.getTime() / DAY_MS) + UNIX_EPOCH_JD + 0.5;
    const n = Math.round(julianDay - J2000 - 0.0009 - -longitude / 360);
    const meanSolarTime = n + 0.0009 - longitude / 360;
    const M = (357.5291 + 0.98560028 * meanSolarTime) % 360;
    const C = 1.9148 * Math.sin(M * RAD) + 0.02 * Math.sin(2 * M * RAD) + 0.0003 * Math.sin(3 * M * RAD);
    const lambda = (M + C + 180 + 102.9372) % 360;
    const transit = J2000 + meanSolarTime + 0.0053 * Math.sin(M * RAD) - 0.0069 * Math.sin(2 * lambda * RAD);
    const sinDecl = Math.sin(lambda * RAD) * Math.sin(23.4397 * RAD);
    const cosDecl = Math.cos(Math.asin(sinDecl));
    const cosOmega =
        (Math.sin(-0.833 * RAD) - Math.sin(latitude * RAD) * sinDecl) / (Math.cos(latitude * RAD) * cosDecl);
    if (cosOmega > 1) return { sunrise: null, sunset: null, polar: 'night' };
    if (cosOmega < -1) return { sunrise: null, sunset: null, polar: 'day' };
    const omega = Math.acos(cosOmega) / RAD;
    const toDate = (jd: number) => new Date((jd - UNIX_EPOCH_JD) * DAY_MS);
    return { sunrise: toDate(transit - omega / 360), sunset: toDate(transit + omega / 360), polar: null };
}

/**
 * Whether the sun is up at `date` at the given place. The UTC day containing `date` is not always the local solar
 * day (an evening in California is the next UTC day), so the days either side are asked too.
 */
export function isDaylight(date: Date, latitude: number, longitude: number): boolean {
    for (const offset of [-1, 0, 1]) {
        const times = sunTimes(new Date(date.getTime() + offset * DAY_MS), latitude, longitude);
        if (times.sunrise && times.sunset && date >= times.sunrise && date < times.sunset) return true;
    }
    return sunTimes(date, latitude, longitude).polar === 'day';
}
