package org.behalf.kernel;

import java.util.Optional;

/** The caller of the request being served, from its verified token; empty for an anonymous request. */
public interface Callers {

    Optional<Caller> current();
}
