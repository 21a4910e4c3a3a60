package com.tanfang.message;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The server's texts: {@code i18n/messages_zh_CN.properties} and {@code i18n/messages_en.properties} (UTF-8),
 * one key per {@link Message#code()}. Both files have the same keys (a test checks).
 * <p>
 * Placeholders are {@code {0}}, {@code {1}} ... replaced literally, the same syntax the web bundles use. Not
 * {@link java.text.MessageFormat}: its apostrophe quoting ({@code can''t}) silently eats text that translators
 * write naturally, and none of our messages needs its number or choice formats.
 */
public final class MessageBundle {
    private static final String BASE_NAME = "i18n.messages";
    private static final Map<Language, ResourceBundle> BUNDLES = new EnumMap<>(Language.class);

    private MessageBundle() {}

    public static String render(Language language, Message message) {
        String pattern = pattern(language, message.code());
        if (pattern == null) {
            // A code without text is a bug the bundle test should have caught; still say something useful.
            return message.code() + (message.args().isEmpty() ? ""
                    : " " + message.args().stream().map(a -> Message.in(language, a)).toList());
        }
        List<String> args = message.args();
        for (int i = 0; i < args.size(); i++) {
            pattern = pattern.replace("{" + i + "}", Message.in(language, args.get(i)));
        }
        return pattern;
    }

    public static boolean has(Language language, String code) {
        return pattern(language, code) != null;
    }

    /** Every key of one language's bundle. */
    public static java.util.Set<String> keys(Language language) {
        return bundle(language).keySet();
    }

    private static String pattern(Language language, String code) {
        try {
            return bundle(language).getString(code);
        } catch (MissingResourceException e) {
            return null;
        }
    }

    private static synchronized ResourceBundle bundle(Language language) {
        // No fallback to the JVM's default locale: a zh caller must never get English because the server runs in en_US.
        return BUNDLES.computeIfAbsent(language, l -> ResourceBundle.getBundle(BASE_NAME, l.locale(),
                MessageBundle.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
    }
}
