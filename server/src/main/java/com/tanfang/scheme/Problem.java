package com.tanfang.scheme;

import java.util.Objects;

/**
 * One thing wrong with an input, located by a path such as {@code parts[1].groups[0].items[3].points},
 * {@code ratings[3].likert} or {@code line 7: points}.
 *
 * @param code    stable machine code, e.g. {@code points.sum_mismatch}
 * @param message English, for people
 */
public record Problem(String path, String code, String message) {
    public Problem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path + ": " + message + " [" + code + "]";
    }
}
