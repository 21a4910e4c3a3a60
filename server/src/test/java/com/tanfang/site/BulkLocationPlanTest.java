package com.tanfang.site;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BulkLocationPlanTest {
    private static final BulkLocationPlan.Children AB = new BulkLocationPlan.Children(
            Location.LocationKind.STAIRWELL, List.of("A", "B"), "{parent}{label}单元", null);

    @Test
    void buildingsOneToFifteenWithStairwellsAAndB() {
        List<BulkLocationPlan.Planned> plan = BulkLocationPlan.expand(Location.LocationKind.BUILDING, 1, 15, "{n}号楼",
                null, AB);
        assertEquals(45, plan.size());
        assertEquals(new BulkLocationPlan.Planned(-1, Location.LocationKind.BUILDING, "1", "1号楼"), plan.get(0));
        assertEquals(new BulkLocationPlan.Planned(0, Location.LocationKind.STAIRWELL, "1-A", "1号楼A单元"), plan.get(1));
        assertEquals(new BulkLocationPlan.Planned(42, Location.LocationKind.STAIRWELL, "15-B", "15号楼B单元"), plan.get(44));
    }

    @Test
    void customCodesAndNoChildren() {
        List<BulkLocationPlan.Planned> plan = BulkLocationPlan.expand(Location.LocationKind.COUNTER, 3, 4,
                "Window {n}", "W{n}", null);
        assertEquals(List.of("W3", "W4"), plan.stream().map(BulkLocationPlan.Planned::code).toList());
    }

    @Test
    void refusalsNameTheField() {
        assertEquals("to: must not be less than from", assertThrows(IllegalArgumentException.class,
                () -> BulkLocationPlan.expand(Location.LocationKind.BUILDING, 5, 4, "{n}", null, null)).getMessage());
        assertEquals("nameTemplate: must contain {n}", assertThrows(IllegalArgumentException.class,
                () -> BulkLocationPlan.expand(Location.LocationKind.BUILDING, 1, 2, "Building", null, null)).getMessage());
        assertEquals("children.labels: must not repeat", assertThrows(IllegalArgumentException.class,
                () -> BulkLocationPlan.expand(Location.LocationKind.BUILDING, 1, 2, "{n}", null,
                        new BulkLocationPlan.Children(Location.LocationKind.STAIRWELL, List.of("A", "A"), "{label}", null)))
                .getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> BulkLocationPlan.expand(Location.LocationKind.BUILDING, 1, 1000, "{n}", null, AB));
    }
}
