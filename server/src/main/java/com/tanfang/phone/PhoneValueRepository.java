package com.tanfang.phone;

import com.tanfang.platform.ServerSecret;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/** Whether stored phone values exist: a missing key must then stop the start instead of being made anew. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PhoneValueRepository extends GenericRepository<ServerSecret, String> {

    @Query("select exists (select 1 from survey_response where phone_cipher is not null)")
    boolean anyCiphertext();

    @Query("select exists (select 1 from survey_response where phone_hash is not null)")
    boolean anyHash();
}
