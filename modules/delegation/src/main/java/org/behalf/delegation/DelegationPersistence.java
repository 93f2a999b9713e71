package org.behalf.delegation;

import org.behalf.kernel.persistence.Inserts;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;

/**
 * The delegation's aggregates (grants, held changes) are Spring Data JDBC entities with repositories
 * (DESIGN.md section 3). Boot looks for repositories only under the application's own package
 * ({@code org.behalf.server}), so each module enables its own, and names the kernel's {@link Inserts}
 * package too, as Spring Data finds that fragment's implementation only under the packages it scans.
 */
@Configuration(proxyBeanMethods = false)
@EnableJdbcRepositories(basePackageClasses = {DelegationPersistence.class, Inserts.class})
public class DelegationPersistence {
}
