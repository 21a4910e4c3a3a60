package com.tanfang.access;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.SecurityFilter;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Binds a {@link Caller} controller argument from the request's authentication, the way micronaut-security's
 * own AuthenticationArgumentBinder binds an {@code Authentication}: unsatisfied until the security filter ran.
 */
@Singleton
public class CallerBinder implements TypedRequestArgumentBinder<Caller> {
    private static final Argument<Caller> TYPE = Argument.of(Caller.class);

    @Override
    public Argument<Caller> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> request) {
        if (!request.getAttributes().contains(SecurityFilter.KEY)) {
            return BindingResult.unsatisfied();
        }
        Optional<Caller> caller = request.getUserPrincipal(Authentication.class).map(Caller::of);
        return caller.isPresent() ? () -> caller : BindingResult.empty();
    }
}
