package org.behalf.kernel.persistence;

import java.util.List;

/**
 * A repository fragment that inserts an aggregate as new. Identifiers are opaque strings the
 * application assigns before saving (DESIGN.md section 3), so Spring Data JDBC's {@code save} would
 * take every aggregate for an existing one and UPDATE a row that is not there; a new aggregate goes
 * through {@link #insert} instead, and {@code save} updates.
 *
 * <p>Spring Data finds a fragment's implementation ({@code InsertsImpl}) only under the packages
 * whose repositories it enables, so a module whose repositories extend this names this package too:
 * {@code @EnableJdbcRepositories(basePackageClasses = {TheModulesPersistence.class, Inserts.class})}.
 */
public interface Inserts<T> {

    <S extends T> S insert(S aggregate);

    /** Several at once, in JDBC batches (one statement a batch where the driver rewrites them, as Behalf's MySQL settings have it). */
    <S extends T> void insertAll(List<S> aggregates);
}
