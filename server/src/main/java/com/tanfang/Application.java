package com.tanfang;

public class Application {
    public static void main(String[] args) {
        io.micronaut.runtime.Micronaut.run(Application.class, args);
    }
}
