package com.tanfang.sampling;

import com.tanfang.sampling.CallBackSampler.Draw;
import com.tanfang.sampling.CallBackSampler.StratumDraw;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallBackSamplerTest {
    static final String SEED = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    static final BigDecimal TEN_PERCENT = new BigDecimal("0.10");

    /** The README's worked example: strata 101, 102, 103 with ids 1-5, 6-17, 18-40, rate 10 %. */
    static Map<Long, List<Long>> readmeExample() {
        return Map.of(101L, range(1, 5), 102L, range(6, 17), 103L, range(18, 40));
    }

    @Test
    void readmeWorkedExample() {
        assertEquals("630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd", CallBackSampler.commitment(SEED));
        Draw draw = CallBackSampler.draw(SEED, readmeExample(), TEN_PERCENT);
        assertEquals(new StratumDraw(101, List.of(3L), List.of(1L, 2L, 5L, 4L)), draw.strata().get(101L));
        assertEquals(new StratumDraw(102, List.of(11L), List.of(10L, 17L, 15L, 7L, 12L, 9L, 16L, 13L, 6L, 14L, 8L)),
                draw.strata().get(102L));
        assertEquals(new StratumDraw(103, List.of(21L, 18L), List.of(38L, 23L, 26L, 29L, 39L, 27L, 35L, 33L, 28L, 19L, 32L,
                34L, 37L, 31L, 22L, 36L, 30L, 25L, 40L, 24L, 20L)), draw.strata().get(103L));
        assertEquals(4, draw.sampleSize());
        // The smallest key of stratum 101 belongs to id 3, the next to id 1.
        assertEquals("03be94e8251617e302426c6cd7699e0ba494118694b40e7de0d46271d5aae71c", CallBackSampler.key(SEED, 101, 3));
        assertEquals("67a0136fefde23475c97fb28f6b26d2481df85222e89de5a99ac64a2524edd4d", CallBackSampler.key(SEED, 101, 1));
    }

    @Test
    void commitmentHashesTheSeedBytesAndAcceptsUpperCase() {
        assertEquals(CallBackSampler.commitment(SEED), CallBackSampler.commitment(SEED.toUpperCase()));
        assertEquals(64, CallBackSampler.commitment(SEED).length());
        assertThrows(IllegalArgumentException.class, () -> CallBackSampler.commitment("00ff"));
        assertThrows(IllegalArgumentException.class, () -> CallBackSampler.commitment(SEED.replace('0', 'g')));
        assertThrows(IllegalArgumentException.class, () -> CallBackSampler.draw(null, readmeExample(), TEN_PERCENT));
    }

    @Test
    void sameInputsGiveTheSameDrawWhateverTheOrderOfIds() {
        Map<Long, List<Long>> shuffled = new TreeMap<>();
        readmeExample().forEach((stratum, ids) -> {
            List<Long> copy = new ArrayList<>(ids);
            Collections.shuffle(copy, new Random(stratum));
            shuffled.put(stratum, copy);
        });
        assertEquals(CallBackSampler.draw(SEED, readmeExample(), TEN_PERCENT), CallBackSampler.draw(SEED, shuffled, TEN_PERCENT));
    }

    @Test
    void anotherSeedGivesAnotherOrder() {
        String other = CallBackSampler.newSeed(new SecureRandom());
        assertEquals(64, other.length());
        assertNotEquals(CallBackSampler.order(SEED, 103, range(18, 40)), CallBackSampler.order(other, 103, range(18, 40)));
        // The stratum id is part of the key: the same ids in another stratum are ordered differently.
        assertNotEquals(CallBackSampler.order(SEED, 103, range(18, 40)), CallBackSampler.order(SEED, 104, range(18, 40)));
    }

    @Test
    void hamiltonAllocationOnTheBriefsCase() {
        // 7, 33, 60 at 10 %: quotas 0.7, 3.3, 6.0 -> floors 0, 3, 6; the one place left goes to the largest remainder 0.7.
        assertEquals(Map.of(1L, 1, 2L, 3, 3L, 6), CallBackSampler.allocate(Map.of(1L, 7, 2L, 33, 3L, 60), TEN_PERCENT));
    }

    @Test
    void atLeastOnePerStratumWinsOverTheTotal() {
        // N = 100, T = 10; quotas 0.3, 0.3, 0.3, 9.1 -> floors 0, 0, 0, 9; the place left goes to the lowest id among
        // the equal remainders (stratum 1); then strata 2 and 3 get their one each: 12 > 10.
        Map<Long, Integer> sizes = CallBackSampler.allocate(Map.of(3L, 3, 1L, 3, 2L, 3, 4L, 91), TEN_PERCENT);
        assertEquals(Map.of(1L, 1, 2L, 1, 3L, 1, 4L, 9), sizes);
        // Equal remainders go to the lower stratum id: quotas 1.5 and 1.5, T = 3, one place left.
        assertEquals(Map.of(7L, 2, 9L, 1), CallBackSampler.allocate(Map.of(9L, 5, 7L, 5), new BigDecimal("0.3")));
    }

    @Test
    void wholeRateTakesEveryoneAndSmallRatesStillCallOnePerPoint() {
        assertEquals(Map.of(1L, 7, 2L, 1), CallBackSampler.allocate(Map.of(1L, 7, 2L, 1), BigDecimal.ONE));
        assertEquals(Map.of(1L, 1, 2L, 1), CallBackSampler.allocate(Map.of(1L, 7, 2L, 1), new BigDecimal("0.0001")));
    }

    @Test
    void emptyStrataAreSkipped() {
        assertEquals(Map.of(2L, 1), CallBackSampler.allocate(Map.of(1L, 0, 2L, 4), TEN_PERCENT));
        Draw draw = CallBackSampler.draw(SEED, Map.of(1L, List.of(), 2L, range(1, 4)), TEN_PERCENT);
        assertEquals(List.of(2L), List.copyOf(draw.strata().keySet()));
        assertEquals(0, CallBackSampler.draw(SEED, Map.of(), TEN_PERCENT).sampleSize());
    }

    @Test
    void reserveIsTheRestOfTheOrder() {
        Draw draw = CallBackSampler.draw(SEED, readmeExample(), new BigDecimal("0.25"));
        draw.strata().forEach((stratum, s) -> {
            assertEquals(CallBackSampler.order(SEED, stratum, readmeExample().get(stratum)), s.order());
            assertEquals(new HashSet<>(readmeExample().get(stratum)), new HashSet<>(s.order()));
            assertEquals(s.order().size(), s.sample().size() + s.reserve().size());
        });
    }

    @Test
    void rateMustBeAboveZeroAndAtMostOne() {
        for (String bad : List.of("0", "-0.1", "1.01")) {
            assertThrows(IllegalArgumentException.class, () -> CallBackSampler.draw(SEED, readmeExample(), new BigDecimal(bad)));
        }
        assertThrows(IllegalArgumentException.class, () -> CallBackSampler.draw(SEED, readmeExample(), (BigDecimal) null));
    }

    @Test
    void aResponseIsInOneStratumOnce() {
        assertThrows(IllegalArgumentException.class, () -> CallBackSampler.draw(SEED, Map.of(1L, List.of(5L, 5L)), TEN_PERCENT));
        assertThrows(IllegalArgumentException.class, () -> CallBackSampler.draw(SEED, Map.of(1L, List.of(5L), 2L, List.of(5L)), TEN_PERCENT));
    }

    @Test
    void higherRateOnSomeStrataExtendsTheSampleInsteadOfRedrawing() {
        Draw first = CallBackSampler.draw(SEED, readmeExample(), TEN_PERCENT);
        Draw redrawn = CallBackSampler.draw(SEED, Map.of(103L, range(18, 40)), new BigDecimal("0.30"));
        List<Long> before = first.strata().get(103L).sample();
        List<Long> after = redrawn.strata().get(103L).sample();
        assertEquals(7, after.size());
        assertEquals(before, after.subList(0, before.size()));

        Draw enlarged = first.enlarge(List.of(103L), new BigDecimal("0.30"));
        assertEquals(redrawn.strata().get(103L), enlarged.strata().get(103L));
        assertEquals(first.strata().get(101L), enlarged.strata().get(101L));
        assertEquals(first.strata().get(102L), enlarged.strata().get(102L));
        assertThrows(IllegalArgumentException.class, () -> first.enlarge(List.of(999L), new BigDecimal("0.30")));
    }

    @Test
    void enlargingTakesEachStratumOnItsOwnSoItNeverShrinksAndAlwaysAddsOneWhileAnyIsLeft() {
        Map<Long, List<Long>> eligible = Map.of(1L, range(1, 18), 2L, range(101, 119), 3L, range(201, 230));
        // A fresh Hamilton allocation at 28 % would give 5, 5, 9 where 27 % gave 5, 6, 8 (the Alabama paradox).
        assertEquals(Map.of(1L, 5, 2L, 5, 3L, 9), CallBackSampler.allocate(Map.of(1L, 18, 2L, 19, 3L, 30), new BigDecimal("0.28")));
        Draw first = CallBackSampler.draw(SEED, eligible, new BigDecimal("0.27"));
        Draw enlarged = first.enlarge(List.of(1L, 2L, 3L), new BigDecimal("0.28"));
        // min(n, max(k + 1, ceil(0.28 n))): 18 → max(6, 6), 19 → max(7, 6), 30 → max(9, 9).
        assertEquals(List.of(6, 7, 9), enlarged.strata().values().stream().map(s -> s.sample().size()).toList());
        enlarged.strata().forEach((id, s) -> assertEquals(first.strata().get(id).order(), s.order()));
    }

    @Test
    void anEnlargedSizeIsAtLeastOneMoreAndAtMostTheStratum() {
        BigDecimal twenty = new BigDecimal("0.20");
        assertEquals(2, CallBackSampler.enlargedSize(5, 1, twenty), "20 % of 5 is 1: one more anyway");
        assertEquals(3, CallBackSampler.enlargedSize(12, 2, twenty), "ceil(2.4)");
        assertEquals(5, CallBackSampler.enlargedSize(5, 5, twenty), "nobody left");
        assertEquals(1, CallBackSampler.enlargedSize(1, 1, BigDecimal.ONE));
        assertThrows(IllegalArgumentException.class, () -> CallBackSampler.enlargedSize(3, 4, twenty));
    }

    /**
     * Re-derives draws from the README text alone, deliberately naively (hex strings, integer hundredths,
     * plain loops), and compares with the production code on 200 random cases.
     */
    @Test
    void independentReDerivationAgreesOnRandomCases() throws Exception {
        Random random = new Random(20261122L);
        for (int c = 0; c < 200; c++) {
            byte[] seedBytes = new byte[32];
            random.nextBytes(seedBytes);
            StringBuilder hex = new StringBuilder();
            for (byte b : seedBytes) {
                hex.append(String.format("%02x", b));
            }
            String seed = c % 2 == 0 ? hex.toString() : hex.toString().toUpperCase();
            int percent = 1 + random.nextInt(100);
            Map<Long, List<Long>> eligible = new TreeMap<>();
            long nextId = 1 + random.nextInt(1_000_000);
            int strata = random.nextInt(6);
            for (int s = 0; s < strata; s++) {
                List<Long> ids = new ArrayList<>();
                for (int i = random.nextInt(40); i > 0; i--) {
                    ids.add(nextId);
                    nextId += 1 + random.nextInt(1000);
                }
                Collections.shuffle(ids, random);
                eligible.put((long) random.nextInt(10_000), ids);
            }
            Map<Long, List<Long>> expected = NaiveReadmeSampler.sample(hex.toString(), eligible, percent);
            Draw draw = CallBackSampler.draw(seed, eligible, new BigDecimal(percent).movePointLeft(2));
            Map<Long, List<Long>> actual = new TreeMap<>();
            draw.strata().forEach((id, s) -> actual.put(id, s.sample()));
            assertEquals(expected, actual, "case " + c);
            for (StratumDraw s : draw.strata().values()) {
                assertEquals(NaiveReadmeSampler.order(hex.toString(), s.stratumId(), eligible.get(s.stratumId())), s.order());
            }
        }
    }

    /** Written from the README algorithm text only; shares no helper with {@link CallBackSampler}. */
    static final class NaiveReadmeSampler {
        static Map<Long, List<Long>> sample(String seedHex, Map<Long, List<Long>> eligible, int percent) throws Exception {
            List<Long> strata = new ArrayList<>();
            long n = 0;
            for (Map.Entry<Long, List<Long>> e : eligible.entrySet()) {
                if (!e.getValue().isEmpty()) {
                    strata.add(e.getKey());
                    n += e.getValue().size();
                }
            }
            Collections.sort(strata);
            // Quotas in hundredths: percent x size / 100.
            long total = (percent * n + 99) / 100;
            Map<Long, Long> size = new TreeMap<>();
            Map<Long, Long> remainderHundredths = new TreeMap<>();
            long given = 0;
            for (long s : strata) {
                long hundredths = percent * (long) eligible.get(s).size();
                size.put(s, hundredths / 100);
                remainderHundredths.put(s, hundredths % 100);
                given += hundredths / 100;
            }
            for (long left = total - given; left > 0; left--) {
                long best = -1;
                for (long s : strata) { // ascending ids, strictly larger wins: ties to the lower id
                    if (remainderHundredths.get(s) >= 0 && (best < 0 || remainderHundredths.get(s) > remainderHundredths.get(best))) {
                        best = s;
                    }
                }
                size.put(best, size.get(best) + 1);
                remainderHundredths.put(best, -1L);
            }
            Map<Long, List<Long>> result = new TreeMap<>();
            for (long s : strata) {
                long k = Math.max(1, size.get(s));
                result.put(s, order(seedHex, s, eligible.get(s)).subList(0, (int) k));
            }
            return result;
        }

        static List<Long> order(String seedHex, long stratum, List<Long> ids) throws Exception {
            byte[] seed = new byte[32];
            for (int i = 0; i < 32; i++) {
                seed[i] = (byte) Integer.parseInt(seedHex.substring(2 * i, 2 * i + 2), 16);
            }
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(seed, "HmacSHA256"));
            Map<String, Long> byKey = new TreeMap<>(); // lowercase hex sorts like unsigned bytes
            for (long id : ids) {
                byte[] key = mac.doFinal(("tanfang-callback-v1|" + stratum + "|" + id).getBytes("UTF-8"));
                StringBuilder hex = new StringBuilder();
                for (byte b : key) {
                    hex.append(String.format("%02x", b));
                }
                byKey.put(hex.toString(), id);
            }
            return new ArrayList<>(byKey.values());
        }
    }

    private static List<Long> range(long from, long toInclusive) {
        return LongStream.rangeClosed(from, toInclusive).boxed().toList();
    }
}
