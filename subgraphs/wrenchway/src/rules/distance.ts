import { distanceMiles } from '@talent-graph/platform/demo';

/**
 * Distances for ZIP + radius searches. The database prefilters with a latitude/longitude
 * bounding box (plain BETWEEN on indexed columns, portable to SQLite and PostgreSQL); the exact
 * great-circle distance is then checked in code, so a result is never outside the radius.
 */
export { distanceMiles };

/** Mean Earth radius in miles, the same one `distanceMiles` uses. */
export const EARTH_RADIUS_MILES = 3958.8;

export interface Point {
  lat: number;
  lon: number;
}

export interface BoundingBox {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

/**
 * The smallest latitude/longitude box holding every point within `radiusMiles` of `center`
 * (exact for a sphere: Δlat = δ, Δlon = asin(sin δ / cos φ) with δ the angular radius). Near a
 * pole, or when the circle would wrap, the box spans every longitude.
 */
export function boundingBox(center: Point, radiusMiles: number): BoundingBox {
  const rad = Math.PI / 180;
  const delta = radiusMiles / EARTH_RADIUS_MILES; // angular radius in radians
  const dLat = delta / rad;
  const minLat = Math.max(-90, center.lat - dLat);
  const maxLat = Math.min(90, center.lat + dLat);
  const ratio = Math.sin(delta) / Math.cos(center.lat * rad);
  if (maxLat >= 90 || minLat <= -90 || ratio >= 1) return { minLat, maxLat, minLon: -180, maxLon: 180 };
  const dLon = Math.asin(ratio) / rad;
  return { minLat, maxLat, minLon: center.lon - dLon, maxLon: center.lon + dLon };
}

/** True when `point` is within `radiusMiles` of `center` (great-circle, inclusive). */
export function withinRadius(center: Point, point: Point, radiusMiles: number): boolean {
  return distanceMiles(center, point) <= radiusMiles;
}
