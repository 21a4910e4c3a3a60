package com.tanfang.survey.intake;

import com.tanfang.message.FieldProblem;
import com.tanfang.message.Message;
import com.tanfang.phone.PhoneCipher;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A form that failed validation, kept briefly so the error page can be a GET (POST-redirect-GET: Back never lands
 * on "Confirm form resubmission"). Keyed by token and the form's unguessable submission id. In PostgreSQL (V27),
 * so the redirect may reach any instance; sealed with the phone keys, because it holds what the respondent typed
 * (answers, comment, a phone number that may not be valid yet). Kept {@link #KEPT}; a draft gone (pruned, or
 * unreadable after its key was removed) shows the empty form again, and nothing stored is lost. The rate limits
 * on posts bound how many drafts a flood can write.
 */
@Singleton
public class FormDrafts {
    static final Duration KEPT = Duration.ofMinutes(30);
    private static final Logger LOG = LoggerFactory.getLogger(FormDrafts.class);
    private static final String KEEP = """
            insert into form_draft (token, submission_id, sealed_state, kept_at) values (?, ?, ?, ?)
            on conflict (token, submission_id) do update set sealed_state = excluded.sealed_state, kept_at = excluded.kept_at""";
    private static final String FIND = """
            select sealed_state from form_draft where token = ? and submission_id = ? and kept_at > ?""";
    private static final String PRUNE = "delete from form_draft where kept_at <= ?";

    /** What is sealed: the form's state with its problems as message codes and arguments. */
    @Serdeable
    record StoredDraft(String submissionId, long renderedAt, String signature, Map<String, String> values,
                       List<StoredProblem> problems, boolean answeredBefore, boolean amending) {
    }

    @Serdeable
    record StoredProblem(String field, String code, List<String> args) {
    }

    private final JdbcOperations jdbc;
    private final JsonMapper json;
    private final PhoneCipher cipher;
    private final Clock clock;

    public FormDrafts(JdbcOperations jdbc, JsonMapper json, PhoneCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.cipher = cipher;
        this.clock = clock;
    }

    @Transactional
    public void keep(String token, RespondentPages.FormState state) {
        String sealed;
        try {
            sealed = cipher.encryptText(json.writeValueAsString(new StoredDraft(state.submissionId(),
                    state.renderedAt(), state.signature(), state.values(), state.problems().stream()
                    .map(p -> new StoredProblem(p.field(), p.message().code(), p.message().args())).toList(),
                    state.answeredBefore(), state.amending())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement(KEEP)) {
                ps.setString(1, token);
                ps.setString(2, state.submissionId());
                ps.setString(3, sealed);
                ps.setTimestamp(4, Timestamp.from(clock.instant()));
                return ps.executeUpdate();
            }
        });
    }

    @Transactional(readOnly = true)
    public Optional<RespondentPages.FormState> find(String token, String submissionId) {
        if (submissionId == null) {
            return Optional.empty();
        }
        Optional<String> sealed = jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement(FIND)) {
                ps.setString(1, token);
                ps.setString(2, submissionId);
                ps.setTimestamp(3, Timestamp.from(clock.instant().minus(KEPT)));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
        return sealed.flatMap(this::open);
    }

    private Optional<RespondentPages.FormState> open(String sealed) {
        try {
            StoredDraft d = json.readValue(cipher.decrypt(sealed), StoredDraft.class);
            return Optional.of(new RespondentPages.FormState(d.submissionId(), d.renderedAt(), d.signature(),
                    d.values(), d.problems().stream()
                    .map(p -> new FieldProblem(p.field(), new Message(p.code(), p.args()))).toList(),
                    d.answeredBefore(), d.amending()));
        } catch (IOException | PhoneCipher.UnreadablePhoneException e) {
            // a key removed since, or a row altered: the empty form again, as for a draft that expired
            LOG.warn("A form draft could not be read ({}): the respondent sees the empty form", e.getMessage());
            return Optional.empty();
        }
    }

    /** Deletes drafts older than {@link #KEPT}; idempotent, so every instance may run it. */
    @Scheduled(fixedDelay = "5m", initialDelay = "1m")
    @Transactional
    public int prune() {
        Instant before = clock.instant().minus(KEPT);
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement(PRUNE)) {
                ps.setTimestamp(1, Timestamp.from(before));
                return ps.executeUpdate();
            }
        });
    }
}
