package org.behalf.identity;

/**
 * A repository fragment that inserts an aggregate as new. Identifiers are opaque strings the
 * application assigns before saving (DESIGN.md section 3), so Spring Data JDBC's {@code save} would
 * take every aggregate for an existing one and UPDATE a row that is not there; a new aggregate goes
 * through {@link #insert} instead. The network and the delegation have the same fragment: Spring Data
 * finds a fragment's implementation only under the packages whose repositories it enables, and
 * identity may use neither (CONTRIBUTING.md, "Modules").
 */
public interface Inserts<T> {

    <S extends T> S insert(S aggregate);
}
