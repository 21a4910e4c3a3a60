package com.tanfang.sampling;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Draws the call-back sample (回访, BRIEF §2.4: "抽取10%进行回访确认") so that nobody can pick whom to call
 * and anybody can re-derive the draw afterwards. The rule, exactly:
 * <ol>
 *   <li><b>Seed and commitment.</b> The seed is 32 random bytes written as 64 hex digits. When the campaign
 *       opens only {@link #commitment} = lowercase hex SHA-256 of the 32 seed <i>bytes</i> is shown; after the
 *       draw the seed is revealed, so anyone can check the commitment and recompute everything below.</li>
 *   <li><b>Total size.</b> With N eligible responses and rate r (exact decimal, 0 &lt; r &le; 1):
 *       T = ceil(r &times; N).</li>
 *   <li><b>Allocation to strata</b> (stratum = survey point id), largest remainder (Hamilton): each stratum
 *       of size n gets floor(r &times; n); the T - &Sigma;floor remaining places go one each to the strata with the
 *       largest remainders r &times; n - floor(r &times; n), equal remainders by ascending stratum id. Then every stratum
 *       with at least one eligible response that got 0 gets 1. <b>The at-least-one rule wins</b>: the total
 *       may then exceed T. Strata with no eligible response are skipped.</li>
 *   <li><b>Order within a stratum.</b> Ids are longs, compared as numbers. Each id gets the key
 *       HMAC-SHA256(key = seed bytes, message = UTF-8 of "tanfang-callback-v1|" + stratumId + "|" + responseId),
 *       both ids in plain decimal. Ids are ordered by key as unsigned bytes (the same as comparing the
 *       lowercase hex), equal keys (never seen in practice) by ascending id.</li>
 *   <li><b>Sample and reserve.</b> The first k of a stratum's order are its sample; the rest, in the same
 *       order, are its reserve: an unreachable respondent is replaced by the next reserve id.</li>
 * </ol>
 * Because the order does not depend on k, a larger sample always extends a smaller one: an enlargement (see
 * {@link Draw#enlarge} and {@link #enlargedSize}) takes the next ids of the stratum's order.
 */
public final class CallBackSampler {
    /** The default call-back rate, 10 % (BRIEF §2.4). */
    public static final BigDecimal DEFAULT_RATE = new BigDecimal("0.10");
    /** Domain separation and version of the key message; a new rule must change it. */
    public static final String KEY_PREFIX = "tanfang-callback-v1";
    public static final int SEED_BYTES = 32;
    private static final HexFormat HEX = HexFormat.of();

    private CallBackSampler() {}

    /** One stratum's result: the call list, then the replacements in the order they are used. */
    public record StratumDraw(long stratumId, List<Long> sample, List<Long> reserve) {
        public StratumDraw {
            sample = List.copyOf(sample);
            reserve = List.copyOf(reserve);
        }

        /** Every eligible id of the stratum in draw order (sample then reserve). */
        public List<Long> order() {
            List<Long> all = new ArrayList<>(sample);
            all.addAll(reserve);
            return all;
        }
    }

    /** The whole draw, by ascending stratum id. */
    public record Draw(SortedMap<Long, StratumDraw> strata) {
        public Draw {
            strata = Collections.unmodifiableSortedMap(new TreeMap<>(strata));
        }

        public int sampleSize() {
            return strata.values().stream().mapToInt(s -> s.sample().size()).sum();
        }

        /**
         * The sample enlarged on some strata (BRIEF §2.4: the team may increase the sample). Each named stratum,
         * with n eligible ids of which k are in the sample, keeps the first {@link #enlargedSize}(n, k, rate) ids of
         * its order; other strata are unchanged. Because the order does not depend on the size, the added ids are
         * simply the next ones of the stratum's order, and anyone holding the seed can re-derive them.
         */
        public Draw enlarge(Collection<Long> stratumIds, BigDecimal rate) {
            checkRate(rate);
            SortedMap<Long, StratumDraw> result = new TreeMap<>(strata);
            for (long id : new TreeSet<>(stratumIds)) {
                StratumDraw s = strata.get(id);
                if (s == null) {
                    throw new IllegalArgumentException("no eligible responses in stratum " + id);
                }
                int n = s.sample().size() + s.reserve().size();
                result.put(id, split(id, s.order(), enlargedSize(n, s.sample().size(), rate)));
            }
            return new Draw(result);
        }
    }

    /**
     * The size of an enlarged stratum: min(n, max(k + 1, ceil(rate &times; n))) for n eligible and k already in
     * the sample. Each stratum is taken on its own (not a new Hamilton allocation among the named strata), so an
     * enlargement never shrinks a stratum, always adds at least one respondent while any is left (the
     * at-least-one rule of a small stratum would otherwise make "enlarge to 20 %" add nobody), and does not
     * depend on which other strata were named.
     */
    public static int enlargedSize(int eligible, int current, BigDecimal rate) {
        checkRate(rate);
        if (eligible < 0 || current < 0 || current > eligible) {
            throw new IllegalArgumentException("sample " + current + " of " + eligible + " eligible");
        }
        return Math.min(eligible, Math.max(current + 1, ceil(rate.multiply(BigDecimal.valueOf(eligible)))));
    }

    /** 32 fresh random bytes as lowercase hex. */
    public static String newSeed(SecureRandom random) {
        byte[] seed = new byte[SEED_BYTES];
        random.nextBytes(seed);
        return HEX.formatHex(seed);
    }

    /** Lowercase hex SHA-256 of the seed bytes (not of the hex text); published before the draw. */
    public static String commitment(String seedHex) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(seedBytes(seedHex)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Draws at the given rate; {@code eligibleByStratum} maps survey point id to eligible response ids in any order. */
    public static Draw draw(String seedHex, Map<Long, ? extends Collection<Long>> eligibleByStratum, BigDecimal rate) {
        Map<Long, Integer> sizes = new TreeMap<>();
        eligibleByStratum.forEach((id, ids) -> sizes.put(id, ids.size()));
        return draw(seedHex, eligibleByStratum, allocate(sizes, rate));
    }

    /** Draws given sample sizes per stratum (each clamped to the stratum's size). */
    public static Draw draw(String seedHex, Map<Long, ? extends Collection<Long>> eligibleByStratum, Map<Long, Integer> sampleSizes) {
        byte[] seed = seedBytes(seedHex);
        Set<Long> seen = new HashSet<>();
        SortedMap<Long, StratumDraw> strata = new TreeMap<>();
        new TreeMap<>(eligibleByStratum).forEach((stratumId, ids) -> {
            for (long id : ids) {
                if (!seen.add(id)) {
                    throw new IllegalArgumentException("response " + id + " is listed twice");
                }
            }
            if (!ids.isEmpty()) {
                strata.put(stratumId, split(stratumId, order(seed, stratumId, ids), sampleSizes.getOrDefault(stratumId, 0)));
            }
        });
        return new Draw(strata);
    }

    /** Sample size per stratum (step 3 of the class rule); strata of size 0 are left out. */
    public static Map<Long, Integer> allocate(Map<Long, Integer> stratumSizes, BigDecimal rate) {
        checkRate(rate);
        SortedMap<Long, Integer> sizes = new TreeMap<>();
        stratumSizes.forEach((id, n) -> {
            if (n < 0) {
                throw new IllegalArgumentException("negative size for stratum " + id);
            }
            if (n > 0) {
                sizes.put(id, n);
            }
        });
        long total = sizes.values().stream().mapToLong(Integer::longValue).sum();
        int target = ceil(rate.multiply(BigDecimal.valueOf(total)));
        Map<Long, Integer> allocation = new LinkedHashMap<>();
        Map<Long, BigDecimal> remainders = new TreeMap<>();
        sizes.forEach((id, n) -> {
            BigDecimal quota = rate.multiply(BigDecimal.valueOf(n));
            int floor = quota.setScale(0, RoundingMode.FLOOR).intValueExact();
            allocation.put(id, floor);
            remainders.put(id, quota.subtract(BigDecimal.valueOf(floor)));
        });
        int left = target - allocation.values().stream().mapToInt(Integer::intValue).sum();
        // TreeMap iteration is by ascending id and the sort is stable, so equal remainders go to the lower id.
        remainders.entrySet().stream()
                .sorted(Map.Entry.<Long, BigDecimal>comparingByValue().reversed())
                .limit(left)
                .forEach(e -> allocation.merge(e.getKey(), 1, Integer::sum));
        allocation.replaceAll((id, k) -> Math.max(k, 1));
        return allocation;
    }

    /** All ids of one stratum in draw order (step 4 of the class rule). */
    public static List<Long> order(String seedHex, long stratumId, Collection<Long> responseIds) {
        return order(seedBytes(seedHex), stratumId, responseIds);
    }

    /** The sort key of one response, as lowercase hex, for audit displays. */
    public static String key(String seedHex, long stratumId, long responseId) {
        return HEX.formatHex(key(mac(seedBytes(seedHex)), stratumId, responseId));
    }

    private static List<Long> order(byte[] seed, long stratumId, Collection<Long> responseIds) {
        Mac mac = mac(seed);
        record Keyed(long id, byte[] key) {}
        List<Keyed> keyed = new ArrayList<>();
        for (long id : new TreeSet<>(responseIds)) {
            keyed.add(new Keyed(id, key(mac, stratumId, id)));
        }
        keyed.sort(Comparator.<Keyed, byte[]>comparing(Keyed::key, Arrays::compareUnsigned).thenComparingLong(Keyed::id));
        return keyed.stream().map(Keyed::id).toList();
    }

    private static StratumDraw split(long stratumId, List<Long> order, int k) {
        int cut = Math.min(Math.max(k, 0), order.size());
        return new StratumDraw(stratumId, order.subList(0, cut), order.subList(cut, order.size()));
    }

    private static byte[] key(Mac mac, long stratumId, long responseId) {
        return mac.doFinal((KEY_PREFIX + "|" + stratumId + "|" + responseId).getBytes(StandardCharsets.UTF_8));
    }

    private static Mac mac(byte[] seed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(seed, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    static byte[] seedBytes(String seedHex) {
        if (seedHex == null || seedHex.length() != 2 * SEED_BYTES) {
            throw new IllegalArgumentException("the seed must be " + 2 * SEED_BYTES + " hex digits");
        }
        try {
            return HEX.parseHex(seedHex.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the seed must be " + 2 * SEED_BYTES + " hex digits", e);
        }
    }

    static void checkRate(BigDecimal rate) {
        if (rate == null || rate.signum() <= 0 || rate.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("the call-back rate must be in (0, 1], got " + rate);
        }
    }

    private static int ceil(BigDecimal value) {
        return value.setScale(0, RoundingMode.CEILING).intValueExact();
    }
}
