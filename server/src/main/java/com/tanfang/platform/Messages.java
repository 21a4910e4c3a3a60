package com.tanfang.platform;

import com.tanfang.message.Language;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side access to the same message bundles the browser loads ({@code web/i18n/*.json} in the web jar),
 * so there is one place for every user-facing text.
 */
@Singleton
public class Messages {
    public static final List<String> LANGUAGES = List.of("zh-CN", "en");
    public static final String LANGUAGE_COOKIE = "tanfang_lang";
    private final JsonMapper json;
    private final Map<String, Map<String, String>> bundles = new ConcurrentHashMap<>();

    public Messages(JsonMapper json) {
        this.json = json;
    }

    /** The language a browser asked for: its remembered choice, else Accept-Language, else Chinese. */
    public static String languageOf(HttpRequest<?> request) {
        return language(request).tag();
    }

    /**
     * The caller's language: the choice the web app remembers in the {@code tanfang_lang} cookie, else the first
     * supported language in Accept-Language (the web app sends its page language there), else Chinese.
     */
    public static Language language(HttpRequest<?> request) {
        return language(request.getCookies().findCookie(LANGUAGE_COOKIE).map(Cookie::getValue).orElse(null),
                request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE));
    }

    /** The same from the language cookie's value and the Accept-Language header (either may be null). */
    public static Language language(String chosen, String accept) {
        if (chosen != null && LANGUAGES.contains(chosen)) {
            return Language.ofTag(chosen);
        }
        if (accept != null && !accept.isBlank()) {
            for (String range : accept.split(",")) {
                Language l = Language.ofTag(range.split(";")[0]);
                if (l != null && !range.isBlank() && !range.trim().startsWith("*")) {
                    return l;
                }
            }
            return Language.EN;
        }
        return Language.ZH_CN;
    }

    /** The message with {0}, {1} ... filled in. */
    public String format(String language, String key, Object... args) {
        String text = get(language, key);
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    public String get(String language, String key) {
        Map<String, String> bundle = bundles.computeIfAbsent(language, this::load);
        String value = bundle.get(key);
        return value != null ? value : load("en").getOrDefault(key, key);
    }

    private Map<String, String> load(String language) {
        String name = "web/i18n/" + (LANGUAGES.contains(language) ? language : "en") + ".json";
        try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing message bundle " + name);
            }
            return json.readValue(in.readAllBytes(), Argument.mapOf(String.class, String.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
