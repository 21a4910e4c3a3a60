package com.tanfang.survey.intake;

import com.tanfang.platform.ServerSecrets;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.util.Base64;

/** The key that signs the respondent page's hidden form fields (start time, submission id). */
@Factory
public class FormSigning {

    @Singleton
    FormSigner formSigner(ServerSecrets secrets) {
        return new FormSigner(Base64.getDecoder().decode(secrets.getOrCreate("form-signing", 32)));
    }
}
