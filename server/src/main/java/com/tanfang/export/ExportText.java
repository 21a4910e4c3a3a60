package com.tanfang.export;

import com.tanfang.message.Language;
import com.tanfang.message.Message;
import com.tanfang.message.MessageBundle;

import java.util.ArrayList;
import java.util.List;

/** Headers and fixed cell texts of the exports: server bundle keys {@code export.*}, in the caller's language. */
record ExportText(Language language) {
    String get(String code, Object... args) {
        return MessageBundle.render(language, Message.of("export." + code, args));
    }

    /** {@code export.<prefix>.<code>} for each code. */
    List<String> headers(String prefix, String... codes) {
        List<String> out = new ArrayList<>(codes.length);
        for (String c : codes) {
            out.add(get(prefix + "." + c));
        }
        return out;
    }

    /** An enum constant's text, {@code export.value.<NAME>}; null stays null. */
    String value(Enum<?> e) {
        return e == null ? null : get("value." + e.name());
    }

    String value(String name) {
        return name == null ? null : get("value." + name);
    }

    String yesNo(boolean b) {
        return get(b ? "value.YES" : "value.NO");
    }

    boolean english() {
        return language == Language.EN;
    }
}
