package com.tanfang.survey.intake;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Signs the survey form's (submission id, render time) so the completion time is measured on the server's clock
 * and cannot be forged by editing the form. Plain Java.
 */
public final class FormSigner {
    private final byte[] key;

    public FormSigner(byte[] key) {
        this.key = key.clone();
    }

    public String sign(String submissionId, long renderedAtMillis) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] out = mac.doFinal((submissionId + "|" + renderedAtMillis).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(out, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean verify(String submissionId, long renderedAtMillis, String signature) {
        return signature != null && MessageDigest.isEqual(sign(submissionId, renderedAtMillis).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }
}
