package com.tanfang.survey.notice;

import java.time.LocalDateTime;
import java.util.List;

/**
 * What a survey notice (调查公告) says: one text for the whole site, printed once per survey point
 * (usually a stairwell) with that point's own link. English is optional; Chinese is always printed.
 *
 * @param deadline local time at the site (China Standard Time); printed as is
 * @param points   where the notice is posted, each with the short URL its QR code opens
 * @param phoneAsked whether the survey asks for a phone number; only a survey that does not is called anonymous
 */
public record SurveyNotice(
        String titleZh,
        String titleEn,
        String bodyZh,
        String bodyEn,
        LocalDateTime deadline,
        Languages languages,
        String certificationBody,
        List<Point> points,
        boolean phoneAsked) {

    /** A notice for a survey that may ask for a phone number (never called anonymous). */
    public SurveyNotice(String titleZh, String titleEn, String bodyZh, String bodyEn, LocalDateTime deadline,
                        Languages languages, String certificationBody, List<Point> points) {
        this(titleZh, titleEn, bodyZh, bodyEn, deadline, languages, certificationBody, points, true);
    }

    public enum Languages { ZH, ZH_EN }

    /** A place the notice is posted, e.g. "3号楼A单元", and the link residents there are given. */
    public record Point(String name, String url) {
        public Point {
            requireText(name, "point name");
            requireText(url, "point url");
        }
    }

    public SurveyNotice {
        requireText(titleZh, "titleZh");
        requireText(bodyZh, "bodyZh");
        requireText(certificationBody, "certificationBody");
        if (deadline == null || languages == null) {
            throw new IllegalArgumentException("deadline and languages are required");
        }
        if (languages == Languages.ZH_EN) {
            requireText(titleEn, "titleEn");
            requireText(bodyEn, "bodyEn");
        }
        points = points == null ? List.of() : List.copyOf(points);
    }

    public boolean english() {
        return languages == Languages.ZH_EN;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
