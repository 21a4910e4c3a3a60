package com.tanfang.platform;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;


/**
 * The HS256 key that signs session tokens. Every instance behind a load balancer must use the same key, so
 * it comes from TANFANG_JWT_SECRET, or else is generated once and kept in the key directory ({@link KeyDirectory}).
 *
 * <p>Micronaut's token generator takes a nullable {@code @Named("generator")} signature and silently issues
 * unsigned ({@code alg: none}) tokens without one; this bean is that signature, and a test guards it. The
 * method returns the interface: returning SecretSignature would inherit its {@code @EachBean} and disable the bean.
 */
@Factory
public class JwtSigningKey {

    @Singleton
    @Named("generator")
    SignatureGeneratorConfiguration generator(@Nullable @Value("${tanfang.jwt-secret:}") String configured,
                                           ServerSecrets secrets) {
        String secret = configured == null || configured.isBlank() ? secrets.getOrCreate("jwt", 48) : configured;
        if (secret.length() < 32) {
            throw new StartupProblem("TANFANG_JWT_SECRET must be at least 32 characters long.", null);
        }
        SecretSignatureConfiguration c = new SecretSignatureConfiguration("generator");
        c.setSecret(secret);
        c.setJwsAlgorithm(JWSAlgorithm.HS256);
        // SecretSignature verifies every HMAC algorithm the key is long enough for (HS384 too), and Micronaut's
        // validator uses supports() only to sort: refuse any other algorithm in verify itself.
        return new SecretSignature(c) {
            @Override
            public boolean supports(JWSAlgorithm algorithm) {
                return JWSAlgorithm.HS256.equals(algorithm);
            }

            @Override
            public boolean verify(SignedJWT jwt) throws JOSEException {
                return supports(jwt.getHeader().getAlgorithm()) && super.verify(jwt);
            }
        };
    }
}
