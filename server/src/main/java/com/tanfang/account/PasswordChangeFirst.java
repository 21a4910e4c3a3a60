package com.tanfang.account;

import com.tanfang.message.FieldProblem;
import com.tanfang.message.ForbiddenException;
import com.tanfang.message.Message;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;

import java.util.List;

/**
 * A one-time password (first admin, reset) buys nothing but its own replacement: until the password is changed
 * the API answers only "who am I", the password change and logout. The web app already sent such users to the
 * change form; an API client holding the token could create organisations.
 */
@ServerFilter("/api/**")
public class PasswordChangeFirst implements Ordered {

    @RequestFilter
    public void check(HttpRequest<?> request) {
        Authentication auth = request.getUserPrincipal(Authentication.class).orElse(null);
        if (auth == null || !Boolean.TRUE.equals(auth.getAttributes().get(SessionTokens.CLAIM_PASSWORD_CHANGE_REQUIRED))) {
            return;
        }
        String path = request.getPath();
        HttpMethod m = request.getMethod();
        boolean allowed = (m == HttpMethod.GET && path.equals("/api/v1/me"))
                || (m == HttpMethod.POST && path.equals("/api/v1/me/password"))
                || (m == HttpMethod.DELETE && path.equals("/api/v1/session"));
        if (!allowed) {
            throw new ForbiddenException(Message.of("password.change_required"),
                    List.of(FieldProblem.of("currentPassword", "password.change_required")));
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
