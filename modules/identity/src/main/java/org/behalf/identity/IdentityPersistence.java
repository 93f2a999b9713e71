package org.behalf.identity;

import org.behalf.kernel.persistence.Inserts;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;

/**
 * Identity's own aggregates (members, the owners of integrators' clients, self-registered clients)
 * are Spring Data JDBC entities with repositories (DESIGN.md section 3). Spring Authorization
 * Server's tables ({@code oauth2_*}) stay with its own JDBC stores. Boot looks for repositories only
 * under the application's own package ({@code org.behalf.server}), so each module enables its own, and
 * names the kernel's {@link Inserts} package too, as Spring Data finds that fragment's implementation
 * only under the packages it scans.
 */
@Configuration(proxyBeanMethods = false)
@EnableJdbcRepositories(basePackageClasses = {IdentityPersistence.class, Inserts.class})
public class IdentityPersistence {
}
