package com.tanfang.document.pdf;

import com.tanfang.message.Language;

/**
 * What the shared page layout ({@code layout/document.jte}) puts around every document: the title (PDF metadata
 * and the first heading's default), the running header on every page, the language of the page furniture ("page x
 * of y") and a small note printed in every footer (e.g. which signed revision a report was built from).
 */
public record DocumentFrame(String title, String runningHeader, Language language, String footerNote) {
    public DocumentFrame {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a document needs a title");
        }
        runningHeader = runningHeader == null ? "" : runningHeader;
        language = language == null ? Language.ZH_CN : language;
        footerNote = footerNote == null ? "" : footerNote;
    }

    /** The footer's page counter as a CSS {@code content} value: "第 x 页 / 共 y 页" or "Page x of y". */
    public String pageCounterCss() {
        return language == Language.EN
                ? "\"Page \" counter(page) \" of \" counter(pages)"
                : "\"第 \" counter(page) \" 页 / 共 \" counter(pages) \" 页\"";
    }

    public String lang() {
        return language.tag();
    }
}
