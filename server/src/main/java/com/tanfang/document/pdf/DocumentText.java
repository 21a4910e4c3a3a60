package com.tanfang.document.pdf;

import com.tanfang.message.Language;
import com.tanfang.message.Message;
import com.tanfang.message.MessageBundle;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A document's texts in one language: every text a template prints is a code of the server bundles
 * ({@code i18n/messages_*.properties}), so a document exists in zh and en by construction and the bundle test
 * finds a missing translation. Dates are shown in Beijing time, as everywhere else.
 */
public final class DocumentText {
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DATE_ZH = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.CHINA);
    private static final DateTimeFormatter DATE_EN = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME_ZH = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm", Locale.CHINA);
    private static final DateTimeFormatter TIME_EN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.ENGLISH);

    private final Language language;

    private DocumentText(Language language) {
        this.language = language;
    }

    public static DocumentText of(Language language) {
        return new DocumentText(language == null ? Language.ZH_CN : language);
    }

    public Language language() {
        return language;
    }

    public boolean english() {
        return language == Language.EN;
    }

    /** The bundle text of {@code code} with {0}, {1} ... filled in. */
    public String get(String code, Object... args) {
        return MessageBundle.render(language, Message.of(code, args));
    }

    /** A stored message (code and arguments) in this language. */
    public String get(Message message) {
        return MessageBundle.render(language, message);
    }

    /** Chinese or English text of a bilingual value: the English one when asked for and present. */
    public String pick(String zh, String en) {
        if (english() && en != null && !en.isBlank()) {
            return en;
        }
        return zh == null ? (en == null ? "" : en) : zh;
    }

    public String date(LocalDate date) {
        return date == null ? "" : date.format(english() ? DATE_EN : DATE_ZH);
    }

    public String date(Instant instant) {
        return instant == null ? "" : date(instant.atZone(BEIJING).toLocalDate());
    }

    public String time(Instant instant) {
        return instant == null ? "" : instant.atZone(BEIJING).format(english() ? TIME_EN : TIME_ZH);
    }

    /** A decimal as printed in documents: plain notation, no trailing zeros beyond the scale it has. */
    public String number(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }
}
