package com.tanfang.survey.intake;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * A form that failed validation, kept briefly so the error page can be a GET (POST-redirect-GET: Back never lands
 * on "Confirm form resubmission"). Keyed by token and the form's unguessable submission id. In memory on purpose:
 * a draft lives for one redirect; if it is gone (another instance, a restart) the respondent sees the empty form
 * again and nothing stored is lost. Bounded by Caffeine so a flood of bad posts cannot grow it.
 */
@Singleton
public class FormDrafts {
    static final Duration KEPT = Duration.ofMinutes(30);
    static final int MAX_DRAFTS = 10_000;
    private final Cache<String, RespondentPages.FormState> drafts = Caffeine.newBuilder()
            .maximumSize(MAX_DRAFTS).expireAfterWrite(KEPT).build();

    public void keep(String token, RespondentPages.FormState state) {
        drafts.put(token + "/" + state.submissionId(), state);
    }

    public Optional<RespondentPages.FormState> find(String token, String submissionId) {
        return submissionId == null ? Optional.empty() : Optional.ofNullable(drafts.getIfPresent(token + "/" + submissionId));
    }
}
