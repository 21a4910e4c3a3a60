package com.tanfang.phone;


import com.tanfang.platform.ServerSecrets;
import com.tanfang.platform.StartupProblem;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keys for phone numbers at rest. {@code TANFANG_PHONE_KEYS} ("k1:base64key,k2:base64key", 32-byte AES keys) with
 * {@code TANFANG_PHONE_CURRENT_KEY} naming the key new values use; without them one key is generated and kept in
 * the key directory ({@link com.tanfang.platform.KeyDirectory}), never in the database its ciphertexts are in. Rotation: add a key, make it current, restart; old values still decrypt with their own key id.
 */
@Factory
public class PhoneKeys {

    @Singleton
    PhoneCipher phoneCipher(@Nullable @Value("${tanfang.phone-keys:}") String configured,
                            @Nullable @Value("${tanfang.phone-current-key:}") String current, ServerSecrets secrets,
                            PhoneValueRepository stored) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        if (configured == null || configured.isBlank()) {
            keys.put("k1", Base64.getDecoder().decode(secrets.getOrCreate("phone-key-k1", 32, stored::anyCiphertext)));
            return new PhoneCipher(keys, "k1");
        }
        try {
            for (String entry : configured.split(",")) {
                String[] parts = entry.trim().split(":", 2);
                keys.put(parts[0], Base64.getDecoder().decode(parts[1]));
            }
            String currentId = current == null || current.isBlank() ? keys.keySet().iterator().next() : current;
            return new PhoneCipher(keys, currentId);
        } catch (RuntimeException e) {
            throw new StartupProblem("TANFANG_PHONE_KEYS must look like k1:<base64 of 32 bytes>,k2:... and"
                    + " TANFANG_PHONE_CURRENT_KEY must name one of them (" + e.getMessage() + ").", e);
        }
    }

    @Singleton
    PhoneHash phoneHash(ServerSecrets secrets, PhoneValueRepository stored) {
        return new PhoneHash(Base64.getDecoder().decode(secrets.getOrCreate("phone-hash", 32, stored::anyHash)));
    }
}
