package org.behalf.kernel.persistence;

import java.util.List;

import org.springframework.data.jdbc.core.JdbcAggregateOperations;

/** {@link Inserts} for every repository that extends it (found by Spring Data's {@code Impl} suffix, see {@link Inserts}). */
class InsertsImpl<T> implements Inserts<T> {

    private final JdbcAggregateOperations aggregates;

    InsertsImpl(JdbcAggregateOperations aggregates) {
        this.aggregates = aggregates;
    }

    @Override
    public <S extends T> S insert(S aggregate) {
        return aggregates.insert(aggregate);
    }

    @Override
    public <S extends T> void insertAll(List<S> aggregates) {
        if (!aggregates.isEmpty()) {
            this.aggregates.insertAll(aggregates);
        }
    }
}
