package com.tanfang.platform;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

@MappedEntity("server_secret")
public record ServerSecret(@Id String name, String value) {
}
