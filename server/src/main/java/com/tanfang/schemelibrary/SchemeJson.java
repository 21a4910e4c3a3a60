package com.tanfang.schemelibrary;

import com.tanfang.scheme.Combination;
import com.tanfang.scheme.GradeTable;
import com.tanfang.scheme.Scheme;
import com.tanfang.scheme.SchemeDocument;
import com.tanfang.scoring.Bonus;
import com.tanfang.scoring.Deduction;
import com.tanfang.scoring.Display;
import com.tanfang.scoring.Fraction;
import com.tanfang.scoring.ItemStatus;
import com.tanfang.scoring.Rating;
import com.tanfang.scoring.ScoreResult;
import com.tanfang.scoring.Veto;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.Encoder;
import io.micronaut.serde.Serializer;
import io.micronaut.serde.annotation.SerdeImport;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON for the framework-free scheme and scoring records (imported, not annotated, so those packages stay
 * plain Java), and the one JSON form of an exact number: {@code {"exact":"161/2","display":"80.5"}}
 * (display = {@link Display#format}, the only rounding).
 */
@SerdeImport(SchemeDocument.class)
@SerdeImport(SchemeDocument.Likert.class)
@SerdeImport(SchemeDocument.Special.class)
@SerdeImport(SchemeDocument.FailWhen.class)
@SerdeImport(SchemeDocument.Grade.class)
@SerdeImport(SchemeDocument.Part.class)
@SerdeImport(SchemeDocument.Group.class)
@SerdeImport(SchemeDocument.Item.class)
@SerdeImport(SchemeDocument.Numeric.class)
@SerdeImport(SchemeDocument.PartCondition.class)
@SerdeImport(SchemeDocument.Veto.class)
@SerdeImport(SchemeDocument.Combination.class)
@SerdeImport(SchemeDocument.BonusItems.class)
@SerdeImport(SchemeDocument.BonusItem.class)
@SerdeImport(SchemeDocument.DisplayRule.class)
@SerdeImport(Veto.class)
@SerdeImport(Combination.class)
@SerdeImport(Combination.Raters.class)
@SerdeImport(Combination.LikertRule.class)
@SerdeImport(Combination.YesNoRule.class)
@SerdeImport(Scheme.Reporting.class)
@SerdeImport(GradeTable.PartCondition.class)
@SerdeImport(Rating.class)
@SerdeImport(Deduction.class)
@SerdeImport(Bonus.class)
@SerdeImport(ScoreResult.class)
@SerdeImport(ScoreResult.FailReason.class)
@SerdeImport(ScoreResult.PartResult.class)
@SerdeImport(ScoreResult.GroupResult.class)
@SerdeImport(ScoreResult.ItemResult.class)
@SerdeImport(GradeTable.Level.class)
@SerdeImport(ItemStatus.class)
@Singleton
public class SchemeJson {
    private final JsonMapper json;

    public SchemeJson(JsonMapper json) {
        this.json = json;
    }

    public String write(SchemeDocument doc) {
        try {
            return json.writeValueAsString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SchemeDocument read(String text) {
        try {
            return json.readValue(text, Argument.of(SchemeDocument.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a {@link Fraction} as {@code {"exact":"7/4","display":"1.75"}}. */
    @Singleton
    static class FractionSerializer implements Serializer<Fraction> {
        @Override
        public void serialize(Encoder encoder, EncoderContext context, Argument<? extends Fraction> type, Fraction value)
                throws IOException {
            Encoder object = encoder.encodeObject(type);
            object.encodeKey("exact");
            object.encodeString(value.toString());
            object.encodeKey("display");
            object.encodeString(Display.format(value));
            object.finishStructure();
        }
    }
}
