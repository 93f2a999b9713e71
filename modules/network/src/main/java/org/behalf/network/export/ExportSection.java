package org.behalf.network.export;

/** One section of the bulk export (connections, contacts, …), contributed by the package that owns the data. */
public interface ExportSection {

    String name();

    Object of(String owner);
}
