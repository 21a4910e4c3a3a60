package com.tanfang.evaluation.signoff;

import com.tanfang.evaluation.EvaluationDtos;
import com.tanfang.evidence.CanonicalJson;
import com.tanfang.platform.MessageSerializer;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.simple.SimpleHttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The snapshot a sign-off stores: the whole sheet DTO exactly as the API serialises it (every field, including
 * those later parts of issue 12 add: nothing is hand-picked), in the canonical JSON of the evidence log
 * ({@link CanonicalJson}: keys sorted, no whitespace; decimals kept as their text), without the two fields that
 * are not the sheet's content: {@code computedAt} (the moment of the read) and {@code signOff} (the state, which
 * would name the hash it is part of). So the same evidence gives the same text and the same SHA-256 on every read.
 *
 * <p>Explanation lines and reasons are serialised in Chinese whatever the caller's language (the request the
 * serialisation runs in decides their language, see platform.MessageSerializer): a certification body's record is
 * zh-CN, and an English reader must not produce a second hash. Their {@code code} and {@code args} are in the
 * snapshot too, the arguments as stored (titles in both languages), so a reader gets them in its own language.
 */
@Singleton
public class SheetSnapshots {
    /** Top-level sheet fields that are not its content. */
    static final Set<String> NOT_CONTENT = Set.of("computedAt", "signOff");
    /** A request without cookie or Accept-Language: Chinese (platform.Messages.language). */
    private static final HttpRequest<?> RECORD_LANGUAGE = new SimpleHttpRequest<>(HttpMethod.GET, "/snapshot", null);

    static {
        // arguments kept in both languages, so the client view renders them in its reader's (MessageSerializer)
        ((SimpleHttpRequest<?>) RECORD_LANGUAGE).setAttribute(MessageSerializer.RECORD_ATTRIBUTE, Boolean.TRUE);
    }

    private final JsonMapper json;

    public SheetSnapshots(JsonMapper json) {
        this.json = json;
    }

    /** The canonical text of the sheet's content. */
    @SuppressWarnings("unchecked")
    public String canonical(EvaluationDtos.Sheet sheet) {
        String raw = ServerRequestContext.with(RECORD_LANGUAGE, (java.util.function.Supplier<String>) () -> {
            try {
                return json.writeValueAsString(sheet.withSignOff(null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Map<String, Object> content = new LinkedHashMap<>((Map<String, Object>) CanonicalJson.read(raw));
        NOT_CONTENT.forEach(content::remove);
        return CanonicalJson.write(content);
    }

    /** Lower-case hex SHA-256 of the text's UTF-8 bytes. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
