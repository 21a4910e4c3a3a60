package com.tanfang.attachment;

import com.tanfang.platform.StartupProblem;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;

import java.util.Set;

/**
 * Refuses to start with one line when {@code tanfang.blobs.store} names no store: otherwise no {@link BlobStore}
 * bean would exist and the start would fail with a long dependency-injection trace instead.
 */
@Context
public class BlobStoreChoice {
    static final Set<String> STORES = Set.of("postgres", "s3");

    public BlobStoreChoice(@Value("${tanfang.blobs.store:postgres}") String store) {
        if (!STORES.contains(store)) {
            throw new StartupProblem("TANFANG_BLOBS_STORE is \"" + store + "\": use postgres (the default) or s3.", null);
        }
    }
}
