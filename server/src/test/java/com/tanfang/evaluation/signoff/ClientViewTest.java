package com.tanfang.evaluation.signoff;

import com.tanfang.evidence.CanonicalJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client's view is an allow-list projection: what the snapshot holds beyond it never comes through. */
class ClientViewTest {
    private static Map<String, Object> fraction(String exact, String display) {
        return Map.of("exact", exact, "display", display);
    }

    private static Map<String, Object> rating(String mode, String username, String name, long visitId, boolean na,
                                              String reason) {
        Map<String, Object> r = new java.util.HashMap<>(Map.of("answerId", 9001, "visitId", visitId, "mode", mode,
                "raterUserId", 77, "rater", username, "raterName", name, "notApplicable", na,
                "note", "扮作租户，询问报修 / posed as a tenant", "photoIds", List.of(31337)));
        if (reason != null) {
            r.put("notApplicableReason", reason);
        }
        return r;
    }

    @Test
    void covertRatersVisitsNotesAndUnknownFieldsNeverReachTheClient() {
        Map<String, Object> snapshot = new java.util.LinkedHashMap<>();
        snapshot.put("projectId", 12);
        snapshot.put("title", "测试项目");
        snapshot.put("schemeCode", "property-management");
        snapshot.put("items", List.of(
                Map.of("name", "P1", "clause", "1.1", "code", "P1", "partKey", "service", "textZh", "前台", "textEn",
                        "Desk", "points", 5, "bonus", false, "ratings", List.of(
                                rating("COVERT", "secretshopper", "陈暗访 Shopper Chen", 4242, false, null))),
                Map.of("name", "P2", "clause", "1.2", "code", "P2", "partKey", "service", "textZh", "电梯", "textEn",
                        "Lift", "points", new CanonicalJson.Decimal("2.5"), "bonus", false, "ratings", List.of(
                                rating("COVERT", "secretshopper", "陈暗访 Shopper Chen", 4243, true, "暗访时说无电梯 covert reason"),
                                rating("OPEN", "openauditor", "张审查员", 4244, true, "该楼无电梯 / no lift in this building")))));
        snapshot.put("result", Map.of("total", fraction("9/2", "4.5"), "fullMarks", fraction("100", "100"),
                "passed", true, "grade", Map.of("key", "three", "nameZh", "三星", "nameEn", "Three stars", "minimum", 60),
                "warnings", List.of(Map.of("code", "x", "text", "rater secretshopper disagreed")),
                "explanation", List.of(Map.of("code", "y", "text", "visit #4242 by secretshopper")),
                "failReasons", List.of(),
                "parts", List.of(Map.of("key", "service", "titleZh", "服务", "titleEn", "Service", "evaluated", true,
                        "points", fraction("100", "100"), "score", fraction("45", "45"), "percentage", fraction("45", "45"),
                        "groups", List.of(Map.of("items", List.of(
                                Map.of("code", "P1", "status", "SCORED", "achieved", fraction("9/2", "4.5"),
                                        "explanation", List.of(Map.of("text", "secretshopper #4242"))),
                                Map.of("code", "P2", "status", "NOT_APPLICABLE")))))),
                "bonusItems", List.of()));
        snapshot.put("scenarios", List.of(Map.of("text", "咨询报修流程 scenario")));
        // a findings list as a later task may add it: allow-listed scalars only, nested objects dropped
        snapshot.put("nonconformities", List.of(Map.of("id", 5, "clause", "1.1", "findingZh", "前台无人", "state", "OPEN",
                "raisedBy", Map.of("username", "secretshopper"), "respondentPhone", "13800000000")));
        String text = CanonicalJson.write(snapshot);

        SignOffDtos.ClientResult view = ClientView.of(text, 1, "ab".repeat(32), Instant.EPOCH, Instant.EPOCH);
        String all = view.toString();
        for (String secret : List.of("secretshopper", "陈暗访", "Shopper Chen", "4242", "4243", "4244", "9001", "31337",
                "posed as a tenant", "covert reason", "咨询报修流程", "scenario", "13800000000", "raisedBy", "openauditor",
                "张审查员")) {
            assertFalse(all.contains(secret), secret + " leaked: " + all);
        }
        assertEquals("4.5", view.total().display());
        assertEquals("Three stars", view.grade().nameEn());
        assertEquals(1, view.parts().size());
        assertEquals("45", view.parts().get(0).percentage().display());
        SignOffDtos.ItemLine p2 = view.items().get(1);
        assertTrue(p2.notApplicable());
        assertEquals("2.5", p2.points());
        assertEquals(List.of("该楼无电梯 / no lift in this building"), p2.notApplicableReasons(), "only the open visit's reason");
        assertEquals(1, view.findings().size());
        assertEquals(Map.of("id", 5L, "clause", "1.1", "findingZh", "前台无人", "state", "OPEN"), view.findings().get(0));
    }
}
