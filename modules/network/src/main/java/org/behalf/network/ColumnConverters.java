package org.behalf.network;

import java.util.List;

/**
 * Converters between an aggregate's value types and the one column each is stored in (a list as
 * JSON or as lines of text), for Spring Data JDBC, which would otherwise map a list to a child
 * table. Each package contributes its own as a bean; {@link NetworkPersistence} registers them all.
 */
public interface ColumnConverters {

    List<?> converters();
}
