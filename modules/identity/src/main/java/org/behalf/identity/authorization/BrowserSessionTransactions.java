package org.behalf.identity.authorization;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.MySqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Browser sessions (Spring Session JDBC) join the request's transaction instead of starting their
 * own (docs/security.md rule 41). Spring Session's default, a new transaction for every statement,
 * took a second connection whenever a request already in one read sessions: listing or ending
 * one's sessions, changing the password and closing the account each held one connection while
 * waiting for another, so a burst of them could freeze the pool. Outside a transaction (saving the
 * session at the end of a request, the expiry sweep) each statement still runs in its own.
 *
 * <p>Any bean of type {@code TransactionOperations} makes Spring Boot skip its own
 * {@code TransactionTemplate}, so this class declares that one too, as the primary: without it,
 * whoever asked for a {@code TransactionTemplate} got this joining one only if it happened to be
 * created first, and otherwise nothing ({@code scripts/run} failed to start: DemoData found no
 * {@code TransactionTemplate}). Spring Session asks for its own by name.
 */
@Configuration(proxyBeanMethods = false)
class BrowserSessionTransactions {

    /** The name Spring Session's configuration asks for. */
    @Bean
    TransactionOperations springSessionTransactionOperations(PlatformTransactionManager transactions) {
        TransactionTemplate joining = new TransactionTemplate(transactions);
        joining.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        return joining;
    }

    /** What Spring Boot would otherwise declare: a template with the default settings. */
    @Bean
    @Primary
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactions) {
        return new TransactionTemplate(transactions);
    }

    /**
     * A session attribute is written as an upsert ({@code INSERT … ON DUPLICATE KEY UPDATE}, which
     * MySQL, MariaDB and H2 in MySQL mode all read): each request saves its own copy of the session,
     * so two requests of one browser at once (a double click, two tabs) that both add the same
     * attribute, as a redirect's notice does, both inserted it, and the second answered 500
     * "Something went wrong" for a form whose work was done (black-box finding, 2026-12-07).
     */
    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> upsertedSessionAttributes() {
        return new MySqlJdbcIndexedSessionRepositoryCustomizer();
    }
}
