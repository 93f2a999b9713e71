package org.behalf.kernel.slice;

import javax.sql.DataSource;

import org.behalf.testing.TestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A schema made as {@code CREATE DATABASE name} makes one, with the server's default character set and
 * collation, as the data source of a slice's context (migrated by it, as the slice's own): for a test
 * class that {@code @Import}s it to show that an id a caller names is one string there too, not only
 * on the tests' binary schemas (docs/security.md rule 26). The slice's shared schema is set by a property
 * source that a test class's own property source does not override, so the data source is replaced instead.
 */
@TestConfiguration
public class ServerDefaultsSchema {

    /** The schema, made once per test JVM. */
    public static final TestDatabase DATABASE = TestDatabase.createWithServerDefaults();

    @Bean
    DataSource dataSource() {
        return new DriverManagerDataSource(DATABASE.url(), DATABASE.user(), DATABASE.password());
    }
}
