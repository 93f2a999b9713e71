package org.behalf.network;

import java.util.ArrayList;
import java.util.List;

import org.behalf.kernel.persistence.Inserts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;

/**
 * The network's aggregates are Spring Data JDBC entities with repositories (DESIGN.md section 3).
 * Boot looks for repositories only under the application's own package ({@code org.behalf.server}),
 * so each module enables its own, and names the kernel's {@link Inserts} package too, as Spring Data
 * finds that fragment's implementation only under the packages it scans.
 */
@Configuration(proxyBeanMethods = false)
@EnableJdbcRepositories(basePackageClasses = {NetworkPersistence.class, Inserts.class})
public class NetworkPersistence {

    /**
     * The dialect's conversions (as Boot's default bean has them) plus every {@link ColumnConverters}
     * bean's. Spring Data JDBC has one set of conversions for the application: should another module
     * need its own, this bean moves to a module both can use.
     */
    @Bean
    JdbcCustomConversions jdbcCustomConversions(JdbcDialect dialect, ObjectProvider<ColumnConverters> columns) {
        List<Object> converters = new ArrayList<>();
        columns.orderedStream().forEach(c -> converters.addAll(c.converters()));
        return JdbcCustomConversions.of(dialect, converters);
    }
}
