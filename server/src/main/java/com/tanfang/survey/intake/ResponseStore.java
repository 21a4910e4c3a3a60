package com.tanfang.survey.intake;

import com.tanfang.survey.campaign.SurveyRepositories;
import com.tanfang.survey.campaign.SurveyResponse;
import com.tanfang.survey.fraud.FraudSignals;

import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Writes a response, its answers and its flags in one transaction: all of it or nothing. */
@Singleton
public class ResponseStore {
    private final SurveyRepositories.Responses responses;
    private final JsonMapper json;

    public ResponseStore(SurveyRepositories.Responses responses, JsonMapper json) {
        this.responses = responses;
        this.json = json;
    }

    /** Answers map question id to 1..5, or null for don't know. */
    @Transactional
    public SurveyResponse store(SurveyResponse response, Map<Long, Integer> answers, List<FraudSignals.Flag> flags) {
        SurveyResponse saved = responses.save(response);
        answers.forEach((question, value) -> responses.insertAnswer(saved.id(), question, value));
        for (FraudSignals.Flag flag : flags) {
            responses.insertFlag(saved.id(), flag.kind().name(), flag.reason().code(), argsJson(flag.reason().args()),
                    flag.reason().english());
        }
        return saved;
    }

    private String argsJson(List<String> args) {
        try {
            return json.writeValueAsString(args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
