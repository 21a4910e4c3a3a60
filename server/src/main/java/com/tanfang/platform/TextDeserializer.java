package com.tanfang.platform;

import com.tanfang.message.InvalidException;
import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Every JSON string of every request body passes here: text with an unpaired UTF-16 surrogate ({@code "\ud800"}
 * in JSON) is refused as a 400 before it reaches a service. Such text is not Unicode: PostgreSQL refuses it in
 * jsonb, UTF-8 cannot encode it, and a jsonb write used to answer 500. NUL ({@code \u0000}) is left to the
 * database, whose refusal (SQLState 22P05/22021) {@link ProblemResponses.DataConflictHandler} maps to 400.
 * Hand-written because serde has no such option; it only reads the string the parser already decoded.
 */
@Singleton
@Primary
public class TextDeserializer implements Deserializer<String> {
    @Override
    public String deserialize(Decoder decoder, DecoderContext context, Argument<? super String> type) throws IOException {
        String text = decoder.decodeString();
        int bad = unpairedSurrogate(text);
        if (bad >= 0) {
            throw InvalidException.field("body", "text.unpaired_surrogate", bad);
        }
        return text;
    }

    @Override
    public String deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super String> type)
            throws IOException {
        if (decoder.decodeNull()) {
            return null;
        }
        return deserialize(decoder, context, type);
    }

    @Override
    public boolean allowNull() {
        return true;
    }

    /** The index of the first surrogate without its partner, or −1. */
    static int unpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
