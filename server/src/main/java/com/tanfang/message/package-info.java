/**
 * Messages as stable codes with arguments ({@link com.tanfang.message.Message}), the problems and domain
 * exceptions made of them, and the zh-CN/en bundles they are rendered from. Plain Java (no io.micronaut,
 * jakarta or JDBC) so the scheme model, scoring and fraud rules can use it.
 */
package com.tanfang.message;
