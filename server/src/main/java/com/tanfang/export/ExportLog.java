package com.tanfang.export;

import com.tanfang.access.Caller;
import com.tanfang.evidence.EvidenceLog;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Who took which export, when: an {@code export.downloaded} evidence row on the campaign or project before the first
 * byte goes out (respondents' answers and comments leave the system in these files, so a certification body must be
 * able to say who has a copy). HEAD requests read nothing and write nothing.
 */
@Singleton
public class ExportLog {
    private final EvidenceLog evidence;

    public ExportLog(EvidenceLog evidence) {
        this.evidence = evidence;
    }

    @Transactional
    public void downloaded(Exports.Download d, Caller caller) {
        evidence.record(d.subject(), "export.downloaded", caller.userId(),
                Map.of("export", d.export(), "format", d.format().extension(), "language", d.language().tag()));
    }
}
