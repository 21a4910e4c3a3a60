package com.tanfang.platform;

/** A startup failure whose message is one line telling the operator what to fix. */
public class StartupProblem extends RuntimeException {
    public StartupProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
