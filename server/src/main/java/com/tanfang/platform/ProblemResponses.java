package com.tanfang.platform;

import com.tanfang.message.ConflictException;
import com.tanfang.message.DomainException;
import com.tanfang.message.FieldProblem;
import com.tanfang.message.ForbiddenException;
import com.tanfang.message.GoneException;
import com.tanfang.message.InvalidException;
import com.tanfang.message.Language;
import com.tanfang.message.Message;
import com.tanfang.message.MessageBundle;
import com.tanfang.message.NotFoundException;
import com.tanfang.message.TooManyRequestsException;
import com.tanfang.message.UnauthorizedException;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HateoasErrorResponseProcessor;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that renders errors. Everything that goes wrong becomes a {@link Message} detail and a list of
 * {@link FieldProblem}s, rendered here in the caller's language ({@link Messages#languageOf}): API callers get
 * application/problem+json naming the fields at fault; a browser asking for a page gets the bilingual error page.
 * The exception handlers below only translate their exception into that form.
 */
@Primary
@Singleton
@Replaces(HateoasErrorResponseProcessor.class)
public class ProblemResponses implements ErrorResponseProcessor<Object> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);
    /** micronaut-serde's wording for a property the target type does not have (ignore-unknown is off). */
    private static final Pattern UNKNOWN_PROPERTY = Pattern.compile("Unknown property \\[([^\\]]*)\\]");
    private final ErrorPages pages;

    public ProblemResponses(ErrorPages pages) {
        this.pages = pages;
    }

    /** Errors Micronaut raises itself (no route, bad JSON, a failed conversion, a 500). */
    @Override
    public MutableHttpResponse<Object> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpRequest<?> request = context.getRequest();
        int status = response.code();
        // a form body with bad percent-encoding (%zz=1 to the respondent form) fails in Netty's decoder while
        // the body is bound: the client's bad request, not a server error
        for (Throwable t = context.getRootCause().orElse(null); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof io.netty.handler.codec.http.multipart.HttpPostRequestDecoder.ErrorDataDecoderException) {
                response.status(HttpStatus.BAD_REQUEST);
                status = 400;
                break;
            }
        }
        if (status >= 500) {
            LOG.error("[{}] {} {} failed", RequestIds.of(request), request.getMethod(), request.getPath(),
                    context.getRootCause().orElse(null));
        }
        @SuppressWarnings("unchecked")
        MutableHttpResponse<Object> out = (MutableHttpResponse<Object>) response;
        if (wantsPage(request)) {
            out.body(pages.render(request, status));
            return out.contentType(MediaType.TEXT_HTML_TYPE);
        }
        // a refusal raised while the body was read (TextDeserializer: an unpaired surrogate) keeps its own code
        for (Throwable t = context.getRootCause().orElse(null); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof InvalidException invalid) {
                return render(request, invalid);
            }
        }
        String unknown = unknownProperty(context.getRootCause().orElse(null));
        if (status == 400 && unknown != null) {
            return render(request, out, Message.of("problem.unknown_property", unknown),
                    List.of(FieldProblem.of(unknown, "json.unknown_property")));
        }
        List<FieldProblem> fields = context.getErrors().stream()
                .filter(e -> e.getPath().isPresent())
                .map(e -> FieldProblem.of(e.getPath().get(), "request.not_convertible"))
                .toList();
        Message detail = switch (status) {
            case 400 -> Message.of("problem.bad_request");
            case 401 -> Message.of("problem.unauthorized");
            case 403 -> Message.of("problem.forbidden");
            case 404 -> Message.of("problem.not_found");
            case 405 -> Message.of("problem.method_not_allowed");
            case 406 -> Message.of("problem.not_acceptable");
            case 413 -> Message.of("problem.too_large");
            case 415 -> Message.of("problem.unsupported_media_type");
            default -> status >= 500 ? Message.of("problem.server_error") : Message.of("problem.status", status);
        };
        return render(request, out, detail, fields);
    }

    /** The response for a domain refusal. */
    public static MutableHttpResponse<Object> render(HttpRequest<?> request, DomainException e) {
        HttpStatus status = statusOf(e);
        MutableHttpResponse<Object> out = HttpResponse.status(status);
        if (e instanceof TooManyRequestsException t) {
            out.header(HttpHeaders.RETRY_AFTER, String.valueOf(t.retryAfterSeconds()));
        }
        return render(request, out, e.detail(), e.problems());
    }

    static MutableHttpResponse<Object> render(HttpRequest<?> request, MutableHttpResponse<Object> out, Message detail,
                                              List<FieldProblem> problems) {
        Language language = Messages.language(request);
        int status = out.code();
        List<Problem.FieldError> errors = problems.stream()
                .map(p -> new Problem.FieldError(p.field(), MessageBundle.render(language, p.message()), p.code(),
                        p.message().argsIn(language)))
                .toList();
        String title = MessageBundle.has(language, "status." + status)
                ? MessageBundle.render(language, Message.of("status." + status)) : HttpStatus.valueOf(status).getReason();
        out.body(new Problem("about:blank", title, status, MessageBundle.render(language, detail), detail.code(),
                detail.argsIn(language), request.getPath(), RequestIds.of(request), errors));
        return out.contentType(Problem.MEDIA_TYPE);
    }

    static HttpStatus statusOf(DomainException e) {
        if (e instanceof InvalidException) {
            return HttpStatus.BAD_REQUEST;
        } else if (e instanceof NotFoundException) {
            return HttpStatus.NOT_FOUND;
        } else if (e instanceof ConflictException) {
            return HttpStatus.CONFLICT;
        } else if (e instanceof ForbiddenException) {
            return HttpStatus.FORBIDDEN;
        } else if (e instanceof GoneException) {
            return HttpStatus.GONE;
        } else if (e instanceof UnauthorizedException) {
            return HttpStatus.UNAUTHORIZED;
        } else if (e instanceof TooManyRequestsException) {
            return HttpStatus.TOO_MANY_REQUESTS;
        }
        throw new IllegalStateException("unmapped " + e.getClass());
    }

    private static String unknownProperty(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                Matcher m = UNKNOWN_PROPERTY.matcher(t.getMessage());
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return null;
    }

    /** Pages only for a browser navigating to something that is not the API. */
    static boolean wantsPage(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.startsWith("/api/") || path.equals("/login") || path.equals("/health") || path.startsWith("/openapi")) {
            return false;
        }
        String accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("text/html");
    }

    /** Services' refusals: NotFound, Conflict, Invalid, ... */
    @Produces
    @Singleton
    public static class DomainExceptionHandler implements ExceptionHandler<DomainException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, DomainException e) {
            return render(request, e);
        }
    }

    /**
     * Bean-validation failures, with field paths as the client wrote them ({@code name}, {@code sites[2].address})
     * and a code per constraint ({@code constraint.Size} with its min and max).
     */
    @Produces
    @Singleton
    @Replaces(ConstraintExceptionHandler.class)
    public static class ConstraintViolationHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException e) {
            List<FieldProblem> fields = e.getConstraintViolations().stream()
                    .map(v -> new FieldProblem(fieldPath(v), constraintMessage(v)))
                    .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::code))
                    .toList();
            return render(request, new InvalidException(fields));
        }
    }

    /**
     * A unique or foreign-key violation that slipped past the services' own checks (two requests racing) is the
     * client's conflict, and text the database cannot store is the client's bad input: neither is a server error.
     */
    @Produces
    @Singleton
    public static class DataConflictHandler implements ExceptionHandler<DataAccessException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> errors;

        public DataConflictHandler(ErrorResponseProcessor<?> errors) {
            this.errors = errors;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, DataAccessException e) {
            String state = sqlState(e);
            // 22021 / 22P05: text PostgreSQL cannot store (a NUL character in a JSON string, say): the client's input.
            if ("22021".equals(state) || "22P05".equals(state)) {
                return render(request, new InvalidException(Message.of("problem.unstorable_character"), List.of()));
            }
            // Any other data exception (class 22: 22001 too long, 22003 out of range, 22P02 bad text form...) or a
            // program limit (54000: an index row too large) comes from what the client sent: its bad input.
            if (state != null && (state.startsWith("22") || state.startsWith("54"))) {
                return render(request, new InvalidException(Message.of("problem.unstorable_value"), List.of()));
            }
            if (state != null && state.startsWith("23")) {
                return render(request, ConflictException.of("problem.data_conflict", state));
            }
            return errors.processResponse(ErrorContext.builder(request).cause(e).build(), HttpResponse.serverError());
        }
    }

    private static final Set<String> WITH_VALUE = Set.of("Min", "Max", "DecimalMin", "DecimalMax");

    static Message constraintMessage(ConstraintViolation<?> v) {
        if (v.getConstraintDescriptor() == null) {
            return Message.of("constraint.invalid");
        }
        String name = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        Map<String, Object> attributes = v.getConstraintDescriptor().getAttributes();
        String code = "constraint." + name;
        if (!MessageBundle.has(Language.EN, code)) {
            return Message.of("constraint.invalid");
        }
        if (name.equals("Size")) {
            return Message.of(code, attributes.getOrDefault("min", 0), attributes.getOrDefault("max", Integer.MAX_VALUE));
        }
        if (name.equals("Digits")) {
            return Message.of(code, attributes.get("integer"), attributes.get("fraction"));
        }
        if (WITH_VALUE.contains(name)) {
            return Message.of(code, attributes.get("value"));
        }
        return Message.of(code);
    }

    static String fieldPath(ConstraintViolation<?> v) {
        List<Path.Node> nodes = new ArrayList<>();
        v.getPropertyPath().forEach(nodes::add);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node n = nodes.get(i);
            if (n.getKind() == ElementKind.METHOD || n.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            // A body parameter's own name is not part of the JSON the client sent; a query parameter's is.
            if (n.getKind() == ElementKind.PARAMETER && i + 1 < nodes.size()) {
                continue;
            }
            if (n.getName() == null) {
                continue;
            }
            // an element of a List<@NotNull Long>: "pointIds[1]", not "pointIds[1].<list element>"
            if (n.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (n.getIndex() != null) {
                    sb.append('[').append(n.getIndex()).append(']');
                }
                continue;
            }
            if (n.getIndex() != null && sb.length() > 0) {
                sb.append('[').append(n.getIndex()).append(']');
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(n.getName());
        }
        return sb.length() == 0 ? "body" : sb.toString();
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
