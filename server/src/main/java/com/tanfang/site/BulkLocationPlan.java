package com.tanfang.site;

import com.tanfang.message.FieldProblem;

import java.util.ArrayList;
import java.util.List;

/**
 * Expands "buildings 1-15, stairwells A and B" into the locations to create. Templates use {@code {n}} for the
 * number, {@code {label}} for a child's label and {@code {parent}} for the parent's name. Plain Java.
 */
public final class BulkLocationPlan {
    public static final int MAX_LOCATIONS = 2000;

    /** One location to create; {@code parent} is the index of its parent in the plan, or -1. */
    public record Planned(int parent, Location.LocationKind kind, String code, String name) {
    }

    public record Children(Location.LocationKind kind, List<String> labels, String nameTemplate, String codeTemplate) {
    }

    private BulkLocationPlan() {
    }

    /** The request cannot be planned; {@link #getMessage()} is "field: English text". */
    public static final class Unplannable extends IllegalArgumentException {
        private final transient FieldProblem problem;

        Unplannable(String field, String code, Object... args) {
            this(FieldProblem.of(field, code, args));
        }

        private Unplannable(FieldProblem problem) {
            super(problem.field() + ": " + problem.message().english());
            this.problem = problem;
        }

        public FieldProblem problem() {
            return problem;
        }
    }

    /**
     * @throws Unplannable naming the field and why, when the request cannot be planned
     */
    public static List<Planned> expand(Location.LocationKind kind, int from, int to, String nameTemplate,
                                       String codeTemplate, Children children) {
        if (from < 0) {
            throw new Unplannable("from", "plan.from_negative");
        }
        if (to < from) {
            throw new Unplannable("to", "plan.to_before_from");
        }
        int perParent = children == null ? 1 : 1 + children.labels().size();
        long total = (long) (to - from + 1) * perParent;
        if (total > MAX_LOCATIONS) {
            throw new Unplannable("to", "plan.too_many", total, MAX_LOCATIONS);
        }
        if (!nameTemplate.contains("{n}")) {
            throw new Unplannable("nameTemplate", "plan.name_template");
        }
        String parentCodes = codeTemplate == null || codeTemplate.isBlank() ? "{n}" : codeTemplate;
        if (!parentCodes.contains("{n}")) {
            throw new Unplannable("codeTemplate", "plan.code_template");
        }
        if (children != null) {
            if (children.labels().isEmpty()) {
                throw new Unplannable("children.labels", "plan.labels_empty");
            }
            if (children.labels().stream().anyMatch(l -> l == null || l.isBlank())) {
                throw new Unplannable("children.labels", "plan.labels_blank");
            }
            if (children.labels().stream().distinct().count() != children.labels().size()) {
                throw new Unplannable("children.labels", "plan.labels_repeat");
            }
            if (!children.nameTemplate().contains("{label}")) {
                throw new Unplannable("children.nameTemplate", "plan.child_name_template");
            }
        }
        List<Planned> out = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            String num = String.valueOf(n);
            String parentName = nameTemplate.replace("{n}", num);
            String parentCode = parentCodes.replace("{n}", num);
            int parentIndex = out.size();
            out.add(new Planned(-1, kind, parentCode, parentName));
            if (children != null) {
                String childCodes = children.codeTemplate() == null || children.codeTemplate().isBlank()
                        ? "{parentCode}-{label}" : children.codeTemplate();
                for (String label : children.labels()) {
                    String l = label.trim();
                    out.add(new Planned(parentIndex, children.kind(),
                            fill(childCodes, num, l, parentName, parentCode),
                            fill(children.nameTemplate(), num, l, parentName, parentCode)));
                }
            }
        }
        return out;
    }

    private static String fill(String template, String n, String label, String parentName, String parentCode) {
        return template.replace("{parentCode}", parentCode).replace("{parent}", parentName)
                .replace("{label}", label).replace("{n}", n);
    }
}
