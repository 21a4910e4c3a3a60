package com.tanfang.visit;

/**
 * A position as a phone reports it, with its coordinate system. The browser's Geolocation API gives WGS-84;
 * WeChat's JSSDK may give GCJ-02 (the offset "Mars" datum of Chinese maps), which is converted to WGS-84 before
 * a distance is computed. Site coordinates are stored in WGS-84.
 *
 * @param accuracyMeters the radius the phone claims (often 20-100 m in city centres); null when unknown
 */
public record Position(double latitude, double longitude, Double accuracyMeters, CoordinateSystem system) {

    public enum CoordinateSystem { WGS84, GCJ02 }

    /** The same place in WGS-84. */
    public Position toWgs84() {
        if (system == CoordinateSystem.WGS84) {
            return this;
        }
        double[] w = Gcj02.toWgs84(latitude, longitude);
        return new Position(w[0], w[1], accuracyMeters, CoordinateSystem.WGS84);
    }

    /** Great-circle distance in metres (haversine, mean Earth radius 6 371 008.8 m), both in WGS-84. */
    public static double distanceMeters(double lat1, double lon1, double lat2, double lon2) {
        double r = 6_371_008.8;
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * r * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }

    /**
     * How far a check-in was from the site, and whether that is far: farther than {@code farMeters} beyond the
     * position's own accuracy. A flag for the reviewer, never a block (city-centre positions are poor).
     */
    public record Distance(double meters, boolean far) {
    }

    public Distance from(double siteLatitude, double siteLongitude, double farMeters) {
        Position w = toWgs84();
        double d = distanceMeters(w.latitude, w.longitude, siteLatitude, siteLongitude);
        double slack = accuracyMeters == null ? 0 : accuracyMeters;
        return new Distance(Math.round(d * 10) / 10.0, d - slack > farMeters);
    }

    /** The published GCJ-02 obfuscation (Krasovsky ellipsoid) and its iterative inverse; exact to well under 1 m. */
    static final class Gcj02 {
        private static final double A = 6378245.0;
        private static final double EE = 0.00669342162296594323;

        private Gcj02() {
        }

        static boolean outsideChina(double lat, double lon) {
            return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
        }

        static double[] fromWgs84(double lat, double lon) {
            if (outsideChina(lat, lon)) {
                return new double[]{lat, lon};
            }
            double dLat = lat(lon - 105.0, lat - 35.0);
            double dLon = lon(lon - 105.0, lat - 35.0);
            double radLat = lat / 180.0 * Math.PI;
            double magic = Math.sin(radLat);
            magic = 1 - EE * magic * magic;
            double sqrtMagic = Math.sqrt(magic);
            dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
            dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
            return new double[]{lat + dLat, lon + dLon};
        }

        static double[] toWgs84(double lat, double lon) {
            double wLat = lat;
            double wLon = lon;
            for (int i = 0; i < 10; i++) {
                double[] g = fromWgs84(wLat, wLon);
                wLat -= g[0] - lat;
                wLon -= g[1] - lon;
            }
            return new double[]{wLat, wLon};
        }

        private static double lat(double x, double y) {
            double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
            r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
            r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
            r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
            return r;
        }

        private static double lon(double x, double y) {
            double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
            r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
            r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
            r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
            return r;
        }
    }
}
