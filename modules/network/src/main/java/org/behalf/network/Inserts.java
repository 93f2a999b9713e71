package org.behalf.network;

/**
 * A repository fragment that inserts an aggregate as new. The network's identifiers are opaque
 * strings the application assigns before saving (DESIGN.md section 3), so Spring Data JDBC's
 * {@code save} would take every aggregate for an existing one and UPDATE a row that is not there;
 * a new aggregate goes through {@link #insert} instead, and {@code save} updates.
 */
public interface Inserts<T> {

    <S extends T> S insert(S aggregate);
}
