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
    @Override
    public void serialize(Encoder encoder, EncoderContext context, Argument<? extends Message> type, Message value)
            throws IOException {
        Encoder object = encoder.encodeObject(type);
        object.encodeKey("code");
        object.encodeString(value.code());
        Language language = currentLanguage();
        object.encodeKey("args");
        Encoder args = object.encodeArray(Argument.listOf(String.class));
        for (String a : value.argsIn(language)) {
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
