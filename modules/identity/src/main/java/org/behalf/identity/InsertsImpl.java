package org.behalf.identity;

import org.springframework.data.jdbc.core.JdbcAggregateOperations;

/** {@link Inserts} for every repository that extends it (found by Spring Data's {@code Impl} suffix). */
class InsertsImpl<T> implements Inserts<T> {

    private final JdbcAggregateOperations aggregates;

    InsertsImpl(JdbcAggregateOperations aggregates) {
        this.aggregates = aggregates;
    }

    @Override
    public <S extends T> S insert(S aggregate) {
        return aggregates.insert(aggregate);
    }
}
