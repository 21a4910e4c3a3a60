package com.tanfang.site;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Request bodies of the organisation, site and location API. */
public final class SiteDtos {
    private SiteDtos() {
    }

    @Serdeable
    public record OrganizationInput(@NotBlank @Size(max = 200) String name, @Nullable @Size(max = 200) String nameEn,
                                    @Nullable @Pattern(regexp = "[0-9A-Z]{18}",
                                            message = "must be an 18-character unified social credit code") String creditCode,
                                    @Nullable @Size(max = 100) String contact,
                                    @Nullable @Pattern(regexp = "[0-9+\\- ]{5,20}", message = "must be a phone number") String phone) {
    }

    @Serdeable
    public record SiteInput(@NotBlank @Size(max = 200) String name, @Nullable @Size(max = 200) String nameEn,
                            @NotNull Site.SiteKind kind, @Nullable @Size(max = 500) String address,
                            @Nullable @DecimalMin("-90") @DecimalMax("90") Double latitude,
                            @Nullable @DecimalMin("-180") @DecimalMax("180") Double longitude) {
    }

    @Serdeable
    public record LocationInput(@NotNull Location.LocationKind kind,
                                @NotBlank @Size(max = 40) @Pattern(regexp = "[\\p{L}0-9._-]+",
                                        message = "may contain only letters, digits, dot, underscore and hyphen") String code,
                                @NotBlank @Size(max = 100) String name, @Nullable Long parentId,
                                @Nullable @Min(0) @Max(100000) Integer households) {
    }

    @Serdeable
    public record LocationChange(@Nullable @Size(min = 1, max = 100) String name,
                                 @Nullable @Min(0) @Max(100000) Integer households) {
    }

    /** "buildings 1-15, each with stairwells A and B". */
    @Serdeable
    public record BulkLocations(@NotNull Location.LocationKind kind, @NotNull @Min(0) @Max(9999) Integer from,
                                @NotNull @Min(0) @Max(9999) Integer to,
                                @NotBlank @Size(max = 100) String nameTemplate,
                                @Nullable @Size(max = 40) String codeTemplate,
                                @Nullable @Valid BulkChildren children) {
    }

    @Serdeable
    public record BulkChildren(@NotNull Location.LocationKind kind, @NotEmpty @Size(max = 26) List<@NotBlank @Size(max = 20) String> labels,
                               @NotBlank @Size(max = 100) String nameTemplate, @Nullable @Size(max = 60) String codeTemplate) {
    }
}
