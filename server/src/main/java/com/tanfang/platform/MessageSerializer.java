package com.tanfang.platform;

import com.tanfang.message.Language;
import com.tanfang.message.Message;
import com.tanfang.message.MessageBundle;
import io.micronaut.core.type.Argument;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.serde.Encoder;
import io.micronaut.serde.Serializer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * A {@link Message} anywhere in a response body (scoring explanation lines, fraud flag reasons) is sent as
 * {@code {"code": ..., "args": [...], "text": ...}}: the text already in the caller's language (the request
 * being answered decides, as for problems), code and arguments for clients that render texts themselves.
 */
@Singleton
public class MessageSerializer implements Serializer<Message> {
    /**
     * A request attribute (Boolean.TRUE) marking a serialisation for a record, not a reader: a signed snapshot keeps
     * its arguments as stored, titles in both languages ({@link Message#bilingual}), so a later reader of the record
     * gets them in its own language; its {@code text} stays in the request's language (Chinese).
     */
    public static final String RECORD_ATTRIBUTE = "tanfang.message.record";

    @Override
    public void serialize(Encoder encoder, EncoderContext context, Argument<? extends Message> type, Message value)
            throws IOException {
        Encoder object = encoder.encodeObject(type);
        object.encodeKey("code");
        object.encodeString(value.code());
        Language language = currentLanguage();
        object.encodeKey("args");
        Encoder args = object.encodeArray(Argument.listOf(String.class));
        boolean record = ServerRequestContext.currentRequest()
                .flatMap(r -> r.getAttribute(RECORD_ATTRIBUTE, Boolean.class)).orElse(false);
        for (String a : record ? value.args() : value.argsIn(language)) {
            args.encodeString(a);
        }
        args.finishStructure();
        object.encodeKey("text");
        object.encodeString(MessageBundle.render(language, value));
        object.finishStructure();
    }

    /** The language of the request being answered; Chinese outside a request. */
    static Language currentLanguage() {
        return ServerRequestContext.currentRequest().map(Messages::language).orElse(Language.ZH_CN);
    }
}
