package com.tanfang.survey.intake;

import com.tanfang.survey.campaign.SurveyCampaign;
import com.tanfang.survey.campaign.SurveyQuestion;

import com.tanfang.message.FieldProblem;
import com.tanfang.message.Language;
import com.tanfang.message.MessageBundle;
import com.tanfang.platform.Messages;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static com.tanfang.platform.ErrorPages.escape;

/**
 * The respondent's pages, rendered on the server as one small HTML document each: no script, no external file,
 * no web font, so they load fast on a cheap phone in WeChat's browser and work in old WebViews (plain form POST).
 */
@Singleton
public class RespondentPages {
    private static final ZoneId SITE_ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter ZH_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
    private static final DateTimeFormatter EN_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", java.util.Locale.ENGLISH);
    // Kept inline: one request, ~1.5 KB, large tap targets, readable at 320 px.
    private static final String STYLE = "body{margin:0;font:17px/1.5 system-ui,-apple-system,\"PingFang SC\",\"Microsoft YaHei\","
            + "sans-serif;color:#1d2430;background:#f5f7fa}main{max-width:640px;margin:0 auto;padding:12px}"
            + "h1{font-size:1.3em;margin:.3em 0}.m{color:#5d6776;font-size:.9em;margin:.2em 0}"
            + "fieldset{border:1px solid #d8dee7;border-radius:8px;background:#fff;margin:12px 0;padding:8px 12px}"
            + "legend{font-weight:600;padding:0 4px}label.o{display:block;padding:10px 4px;min-height:24px;border-top:1px solid #eef1f5}"
            + "label.o:first-of-type{border-top:0}input[type=radio],input[type=checkbox]{width:22px;height:22px;vertical-align:middle;margin:0 10px 0 0}"
            + "textarea,input[type=tel]{width:100%;box-sizing:border-box;font:inherit;padding:10px;border:1px solid #9aa5b5;border-radius:8px;min-height:48px}"
            + "button{width:100%;min-height:52px;font:inherit;font-weight:600;color:#fff;background:#0b5cad;border:0;border-radius:8px;margin:8px 0 24px}"
            + ".e{color:#b3261e;font-weight:600;margin:4px 0}.bad{border:2px solid #b3261e}.n{background:#fff7e0;border:1px solid #e0b400;border-radius:8px;padding:8px 12px}"
            + "a{color:#0b5cad}.t{text-align:right;margin:0}.t a{display:inline-block;padding:8px}";

    private final Messages messages;

    public RespondentPages(Messages messages) {
        this.messages = messages;
    }

    public record FormState(String submissionId, long renderedAt, String signature, Map<String, String> values,
                            List<FieldProblem> problems, boolean answeredBefore, boolean amending) {
    }

    public String form(String lang, SurveyCampaign c, String pointName, String token, List<SurveyQuestion> questions,
                       FormState state) {
        StringBuilder b = head(lang, title(lang, c));
        switchLink(b, lang, c, "/s/" + token);
        b.append("<h1>").append(escape(title(lang, c))).append("</h1>");
        String intro = "en".equals(lang) && c.introEn() != null ? c.introEn() : c.introZh();
        if (intro != null) {
            b.append("<p>").append(escape(intro)).append("</p>");
        }
        b.append("<p class=m>").append(escape(messages.format(lang, "survey.point", pointName))).append("<br>")
                .append(escape(messages.format(lang, "survey.deadline", time(lang, c.closesAt())))).append("</p>");
        if (state.amending()) {
            // Same browser, same point: submitting replaces the earlier answers (prefilled below), never adds.
            b.append("<p class=n>").append(escape(messages.get(lang, "survey.amend"))).append("</p>");
        } else if (state.answeredBefore()) {
            b.append("<p class=n>").append(escape(messages.get(lang, "survey.again"))).append("</p>");
        }
        if (!state.problems().isEmpty()) {
            // The summary names each problem and links to it (the redirect's anchor lands on the first one).
            b.append("<div class=\"e n\" role=alert id=errors><p>").append(escape(messages.get(lang, "survey.fix")))
                    .append("</p><ul>");
            for (FieldProblem p : state.problems()) {
                b.append("<li><a href=\"#").append(anchor(p.field())).append("\">")
                        .append(escape(summary(lang, questions, state.problems(), p))).append("</a></li>");
            }
            b.append("</ul></div>");
        }
        b.append("<form method=post action=\"/s/").append(escape(token)).append("\">")
                .append(hidden("submissionId", state.submissionId())).append(hidden("renderedAt", String.valueOf(state.renderedAt())))
                .append(hidden("signature", state.signature())).append(hidden("lang", lang))
                .append("<p class=m>").append(escape(messages.get(lang, "survey.required"))).append("</p>");
        int n = 0;
        for (SurveyQuestion q : questions) {
            String name = "a" + q.id();
            String error = error(lang, state.problems(), "answers." + q.id());
            b.append("<fieldset id=q").append(q.id()).append(error == null ? ">" : " class=bad>")
                    .append("<legend>").append(++n).append(". ").append(escape("en".equals(lang) ? q.textEn() : q.textZh()))
                    .append("</legend>");
            if (error != null) {
                b.append("<p class=e>").append(escape(error)).append("</p>");
            }
            // 5..1, don't know (0), and N/A (-1) only where the scheme item allows it (7.6 "N/A if not used")
            for (int v = 5; v >= (q.notApplicableAllowed() ? Submission.NOT_APPLICABLE : Submission.DONT_KNOW); v--) {
                b.append("<label class=o><input type=radio name=").append(name).append(" value=").append(v)
                        .append(String.valueOf(v).equals(state.values().get(name)) ? " checked" : "")
                        .append(v == 5 ? " required>" : ">")
                        .append(escape(messages.get(lang, v == Submission.NOT_APPLICABLE ? "survey.na" : "survey.a" + v)))
                        .append("</label>");
            }
            b.append("</fieldset>");
        }
        if (c.commentAllowed()) {
            b.append("<fieldset><legend><label for=comment>").append(escape(messages.get(lang, "survey.comment")))
                    .append("</label></legend>");
            appendError(b, lang, state.problems(), "comment");
            b.append("<textarea id=comment name=comment rows=3 maxlength=1000>")
                    .append(escape(state.values().getOrDefault("comment", ""))).append("</textarea></fieldset>");
        }
        if (c.phoneMode() != SurveyCampaign.PhoneMode.OFF) {
            boolean required = c.phoneMode() == SurveyCampaign.PhoneMode.REQUIRED;
            b.append("<fieldset><legend><label for=phone>").append(escape(messages.get(lang, "survey.phone")))
                    .append(' ').append(escape(messages.get(lang, required ? "survey.phone.required" : "survey.phone.optional")))
                    .append("</label></legend>");
            appendError(b, lang, state.problems(), "phone");
            b.append("<input type=tel id=phone name=phone inputmode=numeric autocomplete=tel maxlength=20")
                    .append(required ? " required" : "").append(" value=\"").append(escape(state.values().getOrDefault("phone", "")))
                    .append("\">");
            appendError(b, lang, state.problems(), "phoneConsent");
            b.append("<label class=o><input type=checkbox id=phoneConsent name=phoneConsent value=true")
                    .append("true".equals(state.values().get("phoneConsent")) ? " checked" : "").append(required ? " required>" : ">")
                    .append(escape(messages.get(lang, "survey.phone.consent"))).append("</label></fieldset>");
        }
        b.append("<button type=submit>").append(escape(messages.get(lang, "survey.submit"))).append("</button></form>");
        return foot(b);
    }

    public String message(String lang, SurveyCampaign c, String titleKey, String text) {
        StringBuilder b = head(lang, messages.get(lang, titleKey));
        b.append("<h1>").append(escape(messages.get(lang, titleKey))).append("</h1>");
        if (c != null) {
            b.append("<p class=m>").append(escape(title(lang, c))).append("</p>");
        }
        b.append("<p>").append(escape(text)).append("</p>");
        return foot(b);
    }

    public String notOpen(String lang, SurveyCampaign c) {
        return message(lang, c, "survey.notOpen.title", messages.format(lang, "survey.notOpen.text", time(lang, c.opensAt())));
    }

    public String closed(String lang, SurveyCampaign c) {
        return message(lang, c, "survey.closed.title", messages.format(lang, "survey.closed.text", time(lang, c.closesAt())));
    }

    public String revoked(String lang) {
        return message(lang, null, "survey.revoked.title", messages.get(lang, "survey.revoked.text"));
    }

    public String thanks(String lang, SurveyCampaign c) {
        return message(lang, c, "survey.thanks.title", messages.get(lang, "survey.thanks.text"));
    }

    public String busy(String lang) {
        return message(lang, null, "survey.busy.title", messages.get(lang, "survey.busy.text"));
    }

    private String title(String lang, SurveyCampaign c) {
        return "en".equals(lang) && c.titleEn() != null ? c.titleEn() : c.titleZh();
    }

    private void switchLink(StringBuilder b, String lang, SurveyCampaign c, String path) {
        if (c.english()) {
            b.append("<p class=t><a href=\"").append(escape(path)).append("?lang=").append("en".equals(lang) ? "zh-CN" : "en")
                    .append("\" lang=").append("en".equals(lang) ? "zh-CN" : "en").append('>')
                    .append(escape(messages.get(lang, "survey.switch"))).append("</a></p>");
        }
    }

    /** The element a problem's field is shown at: {@code q<id>} for a question, else the input's id. */
    static String anchor(String field) {
        if (field.startsWith("answers.")) {
            return "q" + field.substring("answers.".length()).replaceAll("[^0-9]", "");
        }
        return switch (field) {
            case "phone", "phoneConsent", "comment" -> field;
            default -> "errors";
        };
    }

    public String anchorOfFirst(List<FieldProblem> problems) {
        return problems.isEmpty() ? "errors" : anchor(problems.get(0).field());
    }

    /** One line of the summary: "第 3 题未作答", "Enter a valid mobile number". */
    private String summary(String lang, List<SurveyQuestion> questions, List<FieldProblem> problems, FieldProblem p) {
        if (p.field().startsWith("answers.")) {
            for (int i = 0; i < questions.size(); i++) {
                if (p.field().equals("answers." + questions.get(i).id())) {
                    return "answer.required".equals(p.code())
                            ? messages.format(lang, "survey.summary.unanswered", i + 1)
                            : messages.format(lang, "survey.summary.question", i + 1, error(lang, problems, p.field()));
                }
            }
        }
        String key = "survey.summary." + p.code();
        String text = messages.get(lang, key);
        return text.equals(key) ? error(lang, List.of(p), p.field()) : text;
    }

    private String error(String lang, List<FieldProblem> problems, String field) {
        return problems.stream().filter(p -> p.field().equals(field)).findFirst().map(p -> {
            String key = "survey.e." + p.code();
            String text = messages.get(lang, key);
            return text.equals(key) ? MessageBundle.render(Language.ofTag(lang), p.message()) : text;
        }).orElse(null);
    }

    private void appendError(StringBuilder b, String lang, List<FieldProblem> problems, String field) {
        String e = error(lang, problems, field);
        if (e != null) {
            b.append("<p class=e>").append(escape(e)).append("</p>");
        }
    }

    private static String hidden(String name, String value) {
        return "<input type=hidden name=" + name + " value=\"" + escape(value) + "\">";
    }

    private static StringBuilder head(String lang, String title) {
        return new StringBuilder(4096).append("<!doctype html><html lang=").append(lang)
                .append("><head><meta charset=utf-8><meta name=viewport content=\"width=device-width,initial-scale=1\">")
                .append("<title>").append(escape(title)).append("</title><link rel=icon href=\"data:,\"><style>").append(STYLE)
                .append("</style></head><body><main>");
    }

    private static String foot(StringBuilder b) {
        return b.append("</main></body></html>").toString();
    }

    static String time(String lang, Instant instant) {
        return ("en".equals(lang) ? EN_TIME : ZH_TIME).format(instant.atZone(SITE_ZONE)) + ("en".equals(lang) ? " (Beijing time)" : "");
    }
}
