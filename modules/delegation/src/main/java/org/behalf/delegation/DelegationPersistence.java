package org.behalf.delegation;

import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;

/**
 * The delegation's aggregates (grants, held changes) are Spring Data JDBC entities with repositories
 * (DESIGN.md section 3). Boot looks for repositories only under the application's own package
 * ({@code org.behalf.server}), so each module enables its own.
 */
@Configuration(proxyBeanMethods = false)
@EnableJdbcRepositories
public class DelegationPersistence {
}
