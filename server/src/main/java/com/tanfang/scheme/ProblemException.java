package com.tanfang.scheme;

import java.util.List;

/** Thrown when an input has problems; carries all of them, not just the first. */
public class ProblemException extends RuntimeException {
    private final transient List<Problem> problems;

    public ProblemException(List<Problem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        StringBuilder sb = new StringBuilder(problems.size() + " problem(s)");
        problems.stream().limit(20).forEach(p -> sb.append("\n  ").append(p));
        if (problems.size() > 20) {
            sb.append("\n  ...");
        }
        return sb.toString();
    }
}
