package org.behalf.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** Runs one statement; lets scripts/bench create and drop its schema without a mysql client. */
public final class Sql {

    private Sql() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2]);
             Statement statement = connection.createStatement()) {
            statement.execute(args[3]);
        }
    }
}
