package com.tanfang.message;

import java.util.Locale;

/** The languages every screen and message exists in; Chinese first, it is the users' language. */
public enum Language {
    ZH_CN("zh-CN", Locale.SIMPLIFIED_CHINESE),
    EN("en", Locale.ENGLISH);

    private final String tag;
    private final Locale locale;

    Language(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    /** BCP 47 tag as the web app writes it ({@code zh-CN}, {@code en}). */
    public String tag() {
        return tag;
    }

    public Locale locale() {
        return locale;
    }

    /** {@code zh}, {@code zh-CN}, {@code zh-Hans-CN} ... are Chinese, {@code en-*} English; no tag is Chinese, any other {@code null}. */
    public static Language ofTag(String tag) {
        if (tag == null || tag.isBlank()) {
            return ZH_CN;
        }
        String t = tag.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("zh")) {
            return ZH_CN;
        }
        return t.startsWith("en") ? EN : null;
    }
}
