package com.tanfang;

import java.util.List;
import java.util.Map;

/** Reading an evaluation sheet's JSON in tests: its item rows and the engine's item results. */
public final class SheetJson {
    private SheetJson() {
    }

    /** The sheet's row of item {@code name}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> row(Map<String, Object> sheet, String name) {
        return ((List<Map<String, Object>>) sheet.get("items")).stream().filter(i -> name.equals(i.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError(name));
    }

    /** The result's entry of item {@code code} (parts > groups > items). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> itemResult(Map<String, Object> sheet, String code) {
        Map<String, Object> result = (Map<String, Object>) sheet.get("result");
        for (Map<String, Object> part : (List<Map<String, Object>>) result.get("parts")) {
            for (Map<String, Object> group : (List<Map<String, Object>>) part.get("groups")) {
                for (Map<String, Object> item : (List<Map<String, Object>>) group.get("items")) {
                    if (code.equals(item.get("code"))) {
                        return item;
                    }
                }
            }
        }
        throw new AssertionError(code);
    }
}
