package com.tanfang.evidence;

/** The thing an evidence row is about: a type and that table's id. */
public record Subject(SubjectType type, long id) {
    public Subject {
        if (type == null) {
            throw new IllegalArgumentException("subject type required");
        }
    }

    public static Subject campaign(long id) {
        return new Subject(SubjectType.CAMPAIGN, id);
    }

    public static Subject surveyPoint(long id) {
        return new Subject(SubjectType.SURVEY_POINT, id);
    }

    public static Subject response(long id) {
        return new Subject(SubjectType.RESPONSE, id);
    }

    public static Subject callBackItem(long id) {
        return new Subject(SubjectType.CALLBACK_ITEM, id);
    }

    public static Subject visit(long id) {
        return new Subject(SubjectType.VISIT, id);
    }

    @Override
    public String toString() {
        return type + " " + id;
    }
}
