package org.behalf.identity.authorization;

import org.behalf.kernel.persistence.Inserts;
import org.springframework.data.repository.Repository;

/** The record of every self-registered client ({@link DynamicClient}); written once, read by nobody but an operator. */
interface DynamicClients extends Repository<DynamicClient, String>, Inserts<DynamicClient> {
}
