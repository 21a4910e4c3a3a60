package com.tanfang.evidence;

import com.tanfang.access.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The administrator's check of the evidence chain. */
@Controller("/api/v1/admin/evidence-log")
@Tag(name = "evidence")
public class EvidenceController {
    private final EvidenceVerifier verifier;

    public EvidenceController(EvidenceVerifier verifier) {
        this.verifier = verifier;
    }

    /** The chain's head (the hash to anchor elsewhere) and its first broken link, if any. */
    @Serdeable
    public record Head(long seq, String hash) {
    }

    @Serdeable
    public record BrokenLink(long seq, EvidenceChain.BreakKind kind, String message) {
    }

    @Serdeable
    public record VerificationView(boolean intact, long checked, @Nullable Head head, @Nullable BrokenLink firstBreak) {
        static VerificationView of(EvidenceChain.Verification v) {
            return new VerificationView(v.intact(), v.checked(), v.headHash() == null ? null
                    : new Head(v.headSeq(), v.headHash()), v.firstBreak() == null ? null
                    : new BrokenLink(v.firstBreak().seq(), v.firstBreak().kind(), v.firstBreak().message()));
        }
    }

    /** Walks the whole chain: 200 either way, {@code intact} says whether it holds. */
    @Get("/verification")
    @Secured(Role.ADMIN_)
    public VerificationView verification() {
        return VerificationView.of(verifier.verify());
    }
}
