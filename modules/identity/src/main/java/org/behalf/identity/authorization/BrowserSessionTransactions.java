package org.behalf.identity.authorization;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
}
